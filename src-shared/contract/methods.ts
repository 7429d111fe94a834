/**
 * THE contract between the renderer and the core: every call and event, once, with zod schemas.
 * Client types (Promise-returning) and handler types (with a context) are derived from this map.
 */
import { z } from 'zod';
import { DOC_TYPE_CODES } from '../domain/doc-types';
import {
  documentFileSchema,
  incomingDocumentSchema,
  isoDate,
  organizationSchema,
  registerSchema,
  sha256Hex,
  unitSchema,
  userSchema,
  uuid,
} from '../domain/entities';
import { FILE_ROLES, INCOMING_STATUSES, REGISTER_KINDS, SECRECIES, URGENCIES } from '../domain/enums';
import { OUTGOING_EVENTS, OUTGOING_METHODS } from './methods-outgoing';
import { ROUTING_EVENTS, ROUTING_METHODS } from './methods-routing';
import { SIGN_FILE_ITEM_EXTRA, SIGN_FILE_RESULT_EXTRA, SIGN_FILES_EXTRA, SIGNING_EVENTS, SIGNING_METHODS } from './methods-signing';
import { ROUTING_REPORT_METHODS } from './methods-routing-reports';

const empty = z.object({}).strict();

export const sessionSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signedOut'), lastUsername: z.string().nullable(), serverUrl: z.string() }),
  z.object({
    state: z.literal('signedIn'),
    user: userSchema,
    organization: organizationSchema,
    /** True when unlocked offline from the cached credentials; the server has not confirmed this session. */
    offline: z.boolean(),
    serverUrl: z.string(),
  }),
]);
export type Session = z.infer<typeof sessionSchema>;

export const syncStatusSchema = z.object({
  /** Whether the server answered the last request. */
  online: z.boolean(),
  state: z.enum(['idle', 'syncing', 'offline', 'error', 'signedOut']),
  pendingMutations: z.number().int().min(0),
  pendingBytes: z.number().int().min(0),
  /** Mutations the server refused (kept so the user can read why). */
  rejectedMutations: z.number().int().min(0),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** 0..1 while a long transfer runs, otherwise null. */
  progress: z.number().min(0).max(1).nullable(),
  /** Something the user should know about this desktop's data (e.g. the local copy was rebuilt from the server). */
  notice: z.string().nullable().optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const itemSyncStateSchema = z.enum(['synced', 'pending', 'rejected']);
export type ItemSyncState = z.infer<typeof itemSyncStateSchema>;

/** A row of the incoming list: confirmed by the server, or still waiting in the outbox. */
export const incomingListItemSchema = incomingDocumentSchema
  .omit({ arrivalNumber: true, registerId: true })
  .extend({
    registerId: uuid.nullable(),
    /** Confirmed number, or the provisional one while pending. */
    arrivalNumber: z.number().int().nullable(),
    provisional: z.boolean(),
    syncState: itemSyncStateSchema,
    /** Why the server refused it (Vietnamese), when syncState is 'rejected'. */
    rejectReason: z.string().nullable(),
    fileCount: z.number().int().min(0),
  });
export type IncomingListItem = z.infer<typeof incomingListItemSchema>;

export const localFileSchema = documentFileSchema.extend({
  /** The bytes are in this desktop's file cache. */
  availableLocally: z.boolean(),
  /** Still waiting to be uploaded to the server. */
  uploadPending: z.boolean(),
});
export type LocalFile = z.infer<typeof localFileSchema>;

export const incomingDetailSchema = incomingListItemSchema.extend({
  files: z.array(localFileSchema),
  /** Set when the server's số đến replaced a different provisional number shown offline. */
  numberChange: z
    .object({ provisionalNumber: z.number().int(), confirmedNumber: z.number().int(), changedAt: z.string() })
    .optional(),
});
export type IncomingDetail = z.infer<typeof incomingDetailSchema>;

/** A digital signature found in a received PDF, as verified at intake (DOMAIN.md: check signature and integrity). */
export const receivedSignatureSchema = z.object({
  fieldName: z.string(),
  kind: z.enum(['signature', 'docTimeStamp']),
  /** Integrity, trusted chain, valid at signing time, nothing but signatures added afterwards. */
  valid: z.boolean(),
  /** The signed bytes are unchanged and the signature value is correct. */
  integrity: z.boolean(),
  chain: z.enum(['trusted', 'untrusted', 'expiredAtSigning']),
  /** Signer's common name and full subject, issuer (CA) subject; null when the signature could not be read. */
  signer: z.string().nullable(),
  signerSubject: z.string().nullable(),
  issuer: z.string().nullable(),
  /** ISO 8601; from an RFC 3161 timestamp when there is one, else the time the signer claims. */
  signingTime: z.string().nullable(),
  signingTimeSource: z.enum(['timestamp', 'claimed', 'none']),
  /** Something other than further signatures changed the file after this signature. */
  modifiedAfterSigning: z.boolean(),
  /** Vietnamese, one line per problem. */
  problems: z.array(z.string()),
});
export type ReceivedSignature = z.infer<typeof receivedSignatureSchema>;

export const stagedFileSchema = z.object({
  /** Content address of the staged bytes. */
  sha256: sha256Hex,
  name: z.string(),
  size: z.number().int(),
  mime: z.string(),
  pageCount: z.number().int().nullable(),
  /** Set when scans (this mime) were turned into the staged PDF. */
  convertedFrom: z.string().optional(),
  /** Signatures in a staged PDF (empty when it has none). */
  signatures: z.array(receivedSignatureSchema).optional(),
  /** Vietnamese warning to show before registration when a signature is broken or could not be checked. */
  signatureWarning: z.string().nullable().optional(),
});
export type StagedFile = z.infer<typeof stagedFileSchema>;

export const registerIncomingInputSchema = z.object({
  issuer: z.string().trim().min(1, 'Nhập cơ quan ban hành').max(200),
  number: z.string().regex(/^\d{1,11}$/, 'Số văn bản là chữ số').nullable(),
  notation: z.string().trim().max(30),
  documentDate: isoDate,
  docType: z.enum(DOC_TYPE_CODES),
  subject: z.string().trim().min(1, 'Nhập trích yếu').max(500),
  urgency: z.enum(URGENCIES),
  secrecy: z.enum(SECRECIES),
  dueDate: isoDate.nullable(),
  recipients: z.string().max(500).default(''),
  note: z.string().max(500).default(''),
  files: z.array(z.object({ sha256: sha256Hex, name: z.string().min(1).max(255), role: z.enum(FILE_ROLES) })).max(50),
  /** Set after the clerk saw a duplicate warning and chose to register anyway. */
  acknowledgeDuplicate: z.boolean().default(false),
});
export type RegisterIncomingInput = z.input<typeof registerIncomingInputSchema>;

export const listIncomingInputSchema = z.object({
  year: z.number().int().optional(),
  search: z.string().max(200).optional(),
  status: z.enum(INCOMING_STATUSES).optional(),
  /** Sổ: 'incoming' (not secret) or 'incomingSecret'. */
  registerKind: z.enum(['incoming', 'incomingSecret']).optional(),
  docType: z.enum(DOC_TYPE_CODES).optional(),
  urgency: z.enum(URGENCIES).optional(),
  /** Ngày đến from/to, inclusive. */
  arrivalFrom: isoDate.optional(),
  arrivalTo: isoDate.optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});

/** The watched scan folder (target of a scanner's "scan to folder"). */
export const scanFolderStatusSchema = z.object({
  /** Absolute path; null when no folder is watched. */
  path: z.string().nullable(),
  /** Watching now (a folder is set, it exists and a user is signed in). */
  active: z.boolean(),
  /** Vietnamese: why the folder cannot be watched (missing, not readable), else null. */
  problem: z.string().nullable(),
});
export type ScanFolderStatus = z.infer<typeof scanFolderStatusSchema>;

/** A file taken from the scan folder (staged, ready to attach), or refused (error set, nothing staged). */
export const arrivedFileSchema = z.object({
  /** SHA-256 of the file as found in the folder (its identity: never taken twice). */
  sourceSha256: sha256Hex,
  sourceName: z.string(),
  takenAt: z.string(),
  staged: stagedFileSchema.nullable(),
  error: z.string().nullable(),
});
export type ArrivedFile = z.infer<typeof arrivedFileSchema>;

/** A PKCS#11 driver file this desktop could load: the user's choice, env VANBAN_PKCS11_MODULE, or a known vendor path. */
export const signingModuleSchema = z.object({
  path: z.string(),
  source: z.enum(['user', 'env', 'builtin']),
  /** The file exists on this machine. */
  exists: z.boolean(),
});
export const signingModulesSchema = z.object({
  modules: z.array(signingModuleSchema),
  /** The module file the user picked in settings, or null. */
  userPath: z.string().nullable(),
});
export type SigningModules = z.infer<typeof signingModulesSchema>;

/** One certificate on a plugged-in token, as offered in the signing dialog. */
export const signingCertificateSchema = z.object({
  /** Opaque id to pass back to signing.signFiles. */
  id: z.string(),
  tokenLabel: z.string(),
  tokenSerial: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  /** PIN flags of the token: count low = warn, finalTry = needs confirmation, locked = cannot sign. */
  pinState: z.enum(['ok', 'countLow', 'finalTry', 'locked']),
  subjectCommonName: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  keyUsage: z.array(z.string()).nullable(),
  keyAlgorithm: z.string(),
  usable: z.boolean(),
  /** Vietnamese: why this certificate cannot sign now and what to do; null when usable. */
  problem: z.string().nullable(),
});
export type SigningCertificate = z.infer<typeof signingCertificateSchema>;

export const signingAppearanceSchema = z.enum(['approval', 'seal', 'attachmentStamp', 'copyStamp']);
export type SigningAppearance = z.infer<typeof signingAppearanceSchema>;

export const signFilesInputSchema = z.object({
  files: z.array(z.object({ sha256: sha256Hex, name: z.string().min(1).max(255), ...SIGN_FILE_ITEM_EXTRA })).min(1).max(200),
  certificateId: z.string().min(1).max(2000),
  /** Used for one login for this batch; never stored or logged. */
  pin: z.string().min(1).max(64),
  /** The user ticked "I understand this is the last try". */
  confirmFinalTry: z.boolean().default(false),
  appearance: signingAppearanceSchema.default('approval'),
  /** PNG of the leader's handwritten signature (approval) or the seal (seal). Approval without it gets a text stamp. */
  imageBase64: z.string().max(2_000_000).optional(),
  /** Số, ký hiệu for the attachment stamp. */
  numberAndSymbol: z.string().max(100).optional(),
  /** SAO Y / SAO LỤC / TRÍCH SAO and the copying organization, for the copy stamp. */
  copyForm: z.string().max(30).optional(),
  copyingOrganization: z.string().max(200).optional(),
  reason: z.string().max(200).optional(),
  ...SIGN_FILES_EXTRA,
});
export type SignFilesInput = z.input<typeof signFilesInputSchema>;

export const signFileResultSchema = z.object({
  sha256: sha256Hex,
  name: z.string(),
  ok: z.boolean(),
  /** The signed PDF, stored content-addressed in the file cache, and its verification. */
  signed: z.object({ sha256: sha256Hex, name: z.string(), signatures: z.array(receivedSignatureSchema) }).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  ...SIGN_FILE_RESULT_EXTRA,
});
export type SignFileResult = z.infer<typeof signFileResultSchema>;

export const signingProgressSchema = z.object({
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  /** Name of the file just handled. */
  current: z.string(),
  lastResult: signFileResultSchema,
});
export type SigningProgress = z.infer<typeof signingProgressSchema>;

const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });

export const METHODS = {
  'app.info': method(
    empty,
    z.object({ version: z.string(), protocolVersion: z.number(), platform: z.string(), host: z.enum(['electron', 'browser', 'direct']) }),
  ),
  'auth.session': method(empty, sessionSchema),
  'auth.login': method(z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }), sessionSchema),
  'auth.logout': method(empty, sessionSchema),
  /** Only while signed out: which agency server this desktop talks to. */
  'auth.setServerUrl': method(z.object({ serverUrl: z.string().url().max(500) }), sessionSchema),
  'directory.units': method(empty, z.array(unitSchema)),
  'directory.users': method(empty, z.array(userSchema)),
  /** Cơ quan ban hành autocomplete, accent-insensitive: issuers used before (most used first) and common bodies. */
  'directory.issuers': method(
    z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }),
    z.array(z.object({ name: z.string(), abbr: z.string().nullable(), usedCount: z.number().int().min(0) })),
  ),
  'registers.list': method(z.object({ year: z.number().int().optional() }), z.array(registerSchema)),
  /** Admin: open a register for a year and kind (applied by the server; it appears here after the next sync). */
  'registers.create': method(
    z.object({ kind: z.enum(REGISTER_KINDS), year: z.number().int().min(2000).max(2100), name: z.string().trim().max(200).optional() }),
    z.object({ id: uuid, queued: z.literal(true) }),
  ),
  /** The incoming register (ND30 appendix IV, 10 columns) for an arrival-date range, as a PDF or an Excel file. */
  'registers.exportIncoming': method(
    z.object({
      from: isoDate,
      to: isoDate,
      format: z.enum(['pdf', 'xlsx']),
      registerKind: z.enum(['incoming', 'incomingSecret']).default('incoming'),
    }),
    z.object({ fileName: z.string(), mime: z.string(), contentBase64: z.string() }),
  ),
  'documents.listIncoming': method(listIncomingInputSchema, z.object({ items: z.array(incomingListItemSchema), total: z.number().int() })),
  'documents.getIncoming': method(z.object({ id: uuid }), incomingDetailSchema),
  'documents.checkDuplicate': method(
    z.object({ issuer: z.string(), number: z.string().nullable(), notation: z.string(), year: z.number().int() }),
    z.array(incomingListItemSchema),
  ),
  'documents.registerIncoming': method(
    registerIncomingInputSchema,
    z.object({ id: uuid, arrivalNumber: z.number().int(), provisional: z.boolean() }),
  ),
  'intake.stageFile': method(
    z.object({ name: z.string().min(1).max(255), mime: z.string().max(100).optional(), contentBase64: z.string() }),
    stagedFileSchema,
  ),
  /** Several scans (JPEG/PNG/TIFF pages, in order) staged as ONE PDF at their own resolution. */
  'intake.stageImages': method(
    z.object({
      name: z.string().min(1).max(255),
      images: z.array(z.object({ name: z.string().min(1).max(255), contentBase64: z.string() })).min(1).max(500),
    }),
    stagedFileSchema,
  ),
  'intake.getScanFolder': method(empty, scanFolderStatusSchema),
  /** Sets (or with null, stops) the watched scan folder of this desktop. */
  'intake.setScanFolder': method(z.object({ path: z.string().min(1).max(1000).nullable() }), scanFolderStatusSchema),
  /** Files taken from the scan folder, newest first. */
  'intake.listArrived': method(z.object({ limit: z.number().int().min(1).max(500).default(50) }), z.array(arrivedFileSchema)),
  'files.read': method(z.object({ sha256: sha256Hex }), z.object({ name: z.string(), mime: z.string(), contentBase64: z.string() })),
  'sync.status': method(empty, syncStatusSchema),
  'sync.now': method(empty, syncStatusSchema),
  /** Keep a document's files available offline (downloaded in the background), or stop keeping them. */
  'documents.setOffline': method(z.object({ id: uuid, keep: z.boolean() }), z.object({ id: uuid, keep: z.boolean() })),
  /** PKCS#11 driver candidates on this OS and whether each exists. */
  'signing.listModules': method(empty, signingModulesSchema),
  /** The driver file the user picked (absolute path), persisted in settings; null clears it. */
  'signing.setModulePath': method(z.object({ path: z.string().min(1).max(1000).nullable() }), signingModulesSchema),
  /** Certificates on the plugged-in tokens, with the Vietnamese reason for each one that cannot sign. */
  'signing.listTokens': method(empty, z.object({ certificates: z.array(signingCertificateSchema), unavailableModules: z.array(z.string()) })),
  /** Signs PDFs with one PIN entry; each file gets its own result; progress arrives as signing.progress events. */
  'signing.signFiles': method(
    signFilesInputSchema,
    z.object({ warning: z.string().nullable(), results: z.array(signFileResultSchema) }),
  ),
  /** The digital signatures in a cached PDF, verified against this desktop's trust anchors. */
  'signing.verify': method(z.object({ sha256: sha256Hex }), z.object({ signatures: z.array(receivedSignatureSchema) })),
  ...SIGNING_METHODS,
  ...ROUTING_METHODS,
  ...ROUTING_REPORT_METHODS,
  ...OUTGOING_METHODS,
} as const;

export const EVENTS = {
  'sync.status': syncStatusSchema,
  /** Some replica data changed; the UI refetches what shows these entities. */
  'data.changed': z.object({ entities: z.array(z.string()) }),
  'auth.changed': sessionSchema,
  /** A file was taken from the watched scan folder (staged, or refused with a Vietnamese error). */
  'intake.fileArrived': arrivedFileSchema,
  /** One file of a signing batch was handled. */
  'signing.progress': signingProgressSchema,
  ...SIGNING_EVENTS,
  ...ROUTING_EVENTS,
  ...OUTGOING_EVENTS,
} as const;

export type Methods = typeof METHODS;
export type MethodName = keyof Methods;
export type Params<M extends MethodName> = z.input<Methods[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<Methods[M]['result']>;
export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(METHODS, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, name);
}
