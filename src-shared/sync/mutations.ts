/**
 * The mutation catalog: every user action that changes shared state, by name, with its zod-validated args.
 * Clients apply a mutation locally and queue it in the same transaction; the server applies it once.
 */
import { z } from 'zod';
import { DOC_TYPE_CODES } from '../domain/doc-types';
import { FILE_ROLES, REGISTER_KINDS, SECRECIES, URGENCIES } from '../domain/enums';
import { isoDate, sha256Hex, uuid } from '../domain/entities';
import { ROUTING_MUTATIONS } from './mutations-routing';
import { OUTGOING_MUTATIONS } from './mutations-outgoing';

export const mutationFileSchema = z.object({
  fileId: uuid,
  sha256: sha256Hex,
  name: z.string().min(1).max(255),
  size: z.number().int().min(1),
  mime: z.string().min(1).max(100),
  role: z.enum(FILE_ROLES),
  pageCount: z.number().int().min(0).nullable(),
});
export type MutationFile = z.infer<typeof mutationFileSchema>;

export const registerIncomingArgs = z.object({
  documentId: uuid,
  /** Register year on the client's clock (Vietnam time); the server allocates within this year. */
  year: z.number().int().min(2000).max(2100),
  arrivalDate: isoDate,
  issuer: z.string().trim().min(1).max(200),
  number: z.string().regex(/^\d{1,11}$/).nullable(),
  notation: z.string().trim().max(30),
  documentDate: isoDate,
  docType: z.enum(DOC_TYPE_CODES),
  subject: z.string().trim().min(1).max(500),
  urgency: z.enum(URGENCIES),
  secrecy: z.enum(SECRECIES),
  dueDate: isoDate.nullable(),
  pageCount: z.number().int().min(0).nullable(),
  recipients: z.string().max(500),
  note: z.string().max(500),
  /** Number shown to the clerk while offline; replaced by the server's. */
  provisionalNumber: z.number().int().min(1).nullable(),
  files: z.array(mutationFileSchema).max(50),
});
export type RegisterIncomingArgs = z.infer<typeof registerIncomingArgs>;

/** An admin opens a register (sổ) for a year and kind ahead of use; numbers in it start at 01. */
export const createRegisterArgs = z.object({
  registerId: uuid,
  kind: z.enum(REGISTER_KINDS),
  year: z.number().int().min(2000).max(2100),
  name: z.string().trim().min(1).max(200),
});
export type CreateRegisterArgs = z.infer<typeof createRegisterArgs>;

export const MUTATIONS = {
  'incoming.register': registerIncomingArgs,
  'register.create': createRegisterArgs,
  ...ROUTING_MUTATIONS,
  ...OUTGOING_MUTATIONS,
} as const;

export type MutationName = keyof typeof MUTATIONS;
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATIONS)[N]>;
export const MUTATION_NAMES = Object.keys(MUTATIONS) as [MutationName, ...MutationName[]];

/** A mutation as queued on the client and pushed to the server. */
export const mutationEnvelopeSchema = z.object({
  /** Per-client strictly increasing id (1, 2, 3, …). */
  id: z.number().int().min(1),
  name: z.enum(MUTATION_NAMES),
  args: z.unknown(),
  /** Client clock when the user acted (ISO 8601). */
  clientTime: z.string(),
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;

/** Validates args for a named mutation; throws a ZodError when invalid. */
export function parseMutationArgs<N extends MutationName>(name: N, args: unknown): MutationArgs<N> {
  return MUTATIONS[name].parse(args) as MutationArgs<N>;
}
