/**
 * Mutations of văn bản đi (issue 7), wired into the catalog of ./mutations.ts. The server applies each one with
 * role and state checks (src-server/sync/outgoing-*.mutation.ts) and refuses with a Vietnamese reason.
 */
import { z } from 'zod';
import { isoDate, uuid } from '../domain/entities';
import {
  RECIPIENT_CHANNELS,
  RECIPIENT_STATUSES,
  REVIEW_STAGES,
  outgoingFileRefSchema,
  outgoingMetadataSchema,
} from '../domain/outgoing';

const comment = z.string().trim().max(2000);

/** A staff member creates a draft: metadata of appendix VI and the first version (PDF, DOCX alongside, appendices). */
export const outgoingCreateDraftArgs = z.object({
  draftId: uuid,
  versionId: uuid,
  stepId: uuid,
  metadata: outgoingMetadataSchema,
  pdf: outgoingFileRefSchema,
  docx: outgoingFileRefSchema.nullable(),
  attachments: z.array(outgoingFileRefSchema).max(50),
  note: z.string().max(500),
});

/** A new version of a draft the drafter holds (after a return, or before submitting); metadata may change too. */
export const outgoingAddVersionArgs = z.object({
  draftId: uuid,
  versionId: uuid,
  stepId: uuid,
  metadata: outgoingMetadataSchema.optional(),
  pdf: outgoingFileRefSchema,
  docx: outgoingFileRefSchema.nullable(),
  attachments: z.array(outgoingFileRefSchema).max(50),
  note: z.string().max(500),
});

/** The drafter submits for content review and names the leader who will sign. */
export const outgoingSubmitArgs = z.object({ draftId: uuid, stepId: uuid, signerId: uuid, comment });

/** Approve or return at a stage (content: unit head; format: clerk; signature: only `return` — signing is outgoing.sign). */
export const outgoingDecideArgs = z.object({
  draftId: uuid,
  stepId: uuid,
  stage: z.enum(REVIEW_STAGES),
  decision: z.enum(['approve', 'return']),
  comment,
});

/** The chosen leader signed the draft with the token (approval signature): the signed PDF becomes a version. */
export const outgoingSignArgs = z.object({
  draftId: uuid,
  stepId: uuid,
  versionId: uuid,
  signedPdf: outgoingFileRefSchema,
  comment,
});

export const outgoingRecipientInput = z.object({
  recipientId: uuid,
  channel: z.enum(RECIPIENT_CHANNELS),
  unitId: uuid.nullable().default(null),
  userId: uuid.nullable().default(null),
  organId: z.string().trim().max(13).nullable().default(null),
  name: z.string().trim().max(200).default(''),
  email: z.string().trim().email('Địa chỉ thư điện tử không hợp lệ').max(254).nullable().default(null),
  address: z.string().trim().max(500).nullable().default(null),
});
export type OutgoingRecipientInput = z.input<typeof outgoingRecipientInput>;

/**
 * The clerk issues a signed draft: the server allocates the number from the outgoing register of `year`
 * (gapless, unique) and enters it in the register. Queued offline; the number arrives by pull.
 */
export const outgoingIssueArgs = z.object({
  draftId: uuid,
  stepId: uuid,
  year: z.number().int().min(2000).max(2100),
  issuedDate: isoDate,
  signerName: z.string().max(200),
  signerPosition: z.string().max(200),
  recipients: z.array(outgoingRecipientInput).max(500),
  note: z.string().max(500),
  /** What the clerk saw while offline; replaced by the server's number. */
  provisionalNumber: z.number().int().min(1).nullable(),
  /** This document replaces an issued one (which becomes `replaced`; edXML business type 3). */
  replacesId: uuid.nullable().default(null),
});

/** After the number arrived: the PDF with number/date + seal and the signed appendices (clerk, organization token). */
export const outgoingAttachIssuedArgs = z.object({
  outgoingId: uuid,
  issuedPdf: outgoingFileRefSchema,
  issuedAttachments: z.array(outgoingFileRefSchema).max(50),
});

/**
 * Dispatch (phát hành): internal recipients get their delivery at once (server side); other channels are
 * sent by the desktop, which reports each outcome with outgoing.recipientStatus.
 */
export const outgoingDispatchArgs = z.object({
  outgoingId: uuid,
  /** Recipients added at dispatch time (those given at issuance are kept). */
  addRecipients: z.array(outgoingRecipientInput).max(500),
});

export const outgoingRecipientStatusArgs = z.object({
  recipientId: uuid,
  status: z.enum(RECIPIENT_STATUSES),
  statusCode: z.string().regex(/^\d{2}$/).nullable().default(null),
  note: z.string().max(500).default(''),
});

/** Revocation of an issued document; internal deliveries are revoked at once, external recipients get edXML type 1. */
export const outgoingRevokeArgs = z.object({ outgoingId: uuid, stepId: uuid, reason: z.string().trim().min(1).max(500) });

/** Paper dispatch: an entry of the postal register. */
export const outgoingPostalArgs = z.object({
  entryId: uuid,
  outgoingId: uuid,
  date: isoDate,
  recipientName: z.string().trim().min(1).max(200),
  envelopes: z.number().int().min(1).max(1000),
  receipt: z.string().max(200).default(''),
  note: z.string().max(500).default(''),
});

/** An internal recipient opened the document. */
export const outgoingMarkReadArgs = z.object({ recipientId: uuid });

export const OUTGOING_MUTATIONS = {
  'outgoing.createDraft': outgoingCreateDraftArgs,
  'outgoing.addVersion': outgoingAddVersionArgs,
  'outgoing.submit': outgoingSubmitArgs,
  'outgoing.decide': outgoingDecideArgs,
  'outgoing.sign': outgoingSignArgs,
  'outgoing.issue': outgoingIssueArgs,
  'outgoing.attachIssued': outgoingAttachIssuedArgs,
  'outgoing.dispatch': outgoingDispatchArgs,
  'outgoing.recipientStatus': outgoingRecipientStatusArgs,
  'outgoing.revoke': outgoingRevokeArgs,
  'outgoing.postal': outgoingPostalArgs,
  'outgoing.markRead': outgoingMarkReadArgs,
} as const;

export type OutgoingMutationName = keyof typeof OUTGOING_MUTATIONS;
export type OutgoingMutationArgs<N extends OutgoingMutationName> = z.infer<(typeof OUTGOING_MUTATIONS)[N]>;

export function isOutgoingMutationName(name: string): name is OutgoingMutationName {
  return Object.prototype.hasOwnProperty.call(OUTGOING_MUTATIONS, name);
}
