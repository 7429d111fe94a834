/**
 * Signing contract additions (issues 5 and 7), spread into methods.ts next to the original signing.* calls:
 * TSA settings and the durable queue of documents waiting for a timestamp, the number/date fill-in of the
 * clerk's issuance signature, and attaching a signed file to the document it came from.
 * Self-contained on purpose: methods.ts imports this file, so it must not import methods.ts.
 */
import { z } from 'zod';
import { isoDate, sha256Hex, uuid } from '../domain/entities';

const empty = z.object({}).strict();
const method = <P extends z.ZodType, R extends z.ZodType>(params: P, result: R) => ({ params, result });

/**
 * The number/symbol and issue date the clerk's seal writes into a signed draft (ND30: the draft leaves "Số: …"
 * and the date blank). The core finds the blanks on the seal's page; `place` is the city of the date line.
 */
export const issuanceFillInSchema = z.object({
  numberAndSymbol: z.string().min(3).max(60),
  issueDate: isoDate,
  place: z.string().min(1).max(60).optional(),
});
export type IssuanceFillIn = z.infer<typeof issuanceFillInSchema>;

/** Which document a signed file belongs to; the core attaches the signed file there once it is stored. */
export const signedFileTargetSchema = z.object({ kind: z.enum(['incoming', 'draft', 'outgoing']), id: uuid });
export type SignedFileTarget = z.infer<typeof signedFileTargetSchema>;

/** Extra fields of signing.signFiles' input (spread into signFilesInputSchema). */
export const SIGN_FILES_EXTRA = {
  /** Only with appearance 'seal'. */
  fillIn: issuanceFillInSchema.optional(),
};
/** Extra fields of each file of signing.signFiles' input. */
export const SIGN_FILE_ITEM_EXTRA = { attachTo: signedFileTargetSchema.optional() };

/** Extra fields of each signing.signFiles result. */
export const SIGN_FILE_RESULT_EXTRA = {
  /** embedded: RFC 3161 timestamp inside; queued: the TSA did not answer, added later; none: no TSA configured. */
  timestamp: z.enum(['embedded', 'queued', 'none']).optional(),
  attachedTo: signedFileTargetSchema.nullable().optional(),
  /** Vietnamese: the file is signed and stored but could not be attached (what to do next). */
  attachError: z.string().nullable().optional(),
};

export const signingSettingsSchema = z.object({
  /** RFC 3161 time-stamping authority, e.g. http://ca.gov.vn/tsa; null = sign without timestamps. */
  tsaUrl: z.string().nullable(),
});
export type SigningSettings = z.infer<typeof signingSettingsSchema>;

export const timestampStatusSchema = z.object({
  tsaUrl: z.string().nullable(),
  /** Signed files still waiting for a document timestamp, oldest first. */
  pending: z.array(
    z.object({ sha256: sha256Hex, name: z.string(), queuedAt: z.string(), attempts: z.number().int(), lastError: z.string().nullable() }),
  ),
  /** Files that got their timestamp later: `from` is the signed file as first stored, `to` the timestamped one. */
  completed: z.array(z.object({ from: sha256Hex, to: sha256Hex, name: z.string(), at: z.string() })),
});
export type TimestampStatus = z.infer<typeof timestampStatusSchema>;

export const timestampedEventSchema = z.object({ from: sha256Hex, to: sha256Hex, name: z.string() });

export const SIGNING_METHODS = {
  'signing.getSettings': method(empty, signingSettingsSchema),
  /** Sets (or with null, removes) the TSA; the URL must be http(s). */
  'signing.setTsaUrl': method(
    z.object({ url: z.string().trim().max(500).regex(/^https?:\/\/\S+$/, 'Địa chỉ máy chủ cấp dấu thời gian phải bắt đầu bằng http:// hoặc https://').nullable() }),
    signingSettingsSchema,
  ),
  /** Documents signed without a timestamp and waiting for one, and those stamped later. */
  'signing.timestamps': method(empty, timestampStatusSchema),
  /** Tries the queued documents now (the core also retries on its own). */
  'signing.retryTimestamps': method(empty, timestampStatusSchema),
} as const;

export const SIGNING_EVENTS = {
  /** A queued signed file got its document timestamp: `to` replaces `from`. */
  'signing.timestamped': timestampedEventSchema,
} as const;
