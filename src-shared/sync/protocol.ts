/**
 * The sync protocol between desktop cores and the agency server (HTTP + JSON).
 *
 *   POST /api/auth/login            loginRequest  -> loginResponse
 *   POST /api/auth/logout
 *   GET  /api/me                    -> meResponse
 *   POST /api/sync/push             pushRequest   -> pushResponse
 *   GET  /api/sync/pull?cursor=N&limit=M            -> pullResponse
 *   GET  /api/sync/events           Server-Sent Events: `event: poke`, data {version}
 *   HEAD /api/blobs/:sha256         -> 200 (complete) | 404 (unknown); header Upload-Offset for partial uploads
 *   PATCH /api/blobs/:sha256        body = bytes from header Upload-Offset; header Upload-Length = total size
 *                                   -> 204 with Upload-Offset; 201 when complete and the hash checked
 *   GET  /api/blobs/:sha256         bytes (Range supported); only if a visible document references it
 *
 * Every request except login carries `Authorization: Bearer <token>` and `X-Protocol-Version`.
 * Errors are JSON `{ error: { code, message } }` with codes of contract/errors.ts.
 */
import { z } from 'zod';
import {
  documentFileSchema,
  incomingDocumentSchema,
  organizationSchema,
  registerSchema,
  unitSchema,
  userSchema,
} from '../domain/entities';
import { ROUTING_CHANGES } from './changes-routing';
import { OUTGOING_CHANGES } from './changes-outgoing';
import { mutationEnvelopeSchema } from './mutations';

export const PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-protocol-version';

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  /** Stable id of this desktop installation (one outbox per client). */
  clientId: z.string().uuid(),
  deviceName: z.string().max(200).optional(),
});
export const loginResponseSchema = z.object({
  token: z.string().min(20),
  expiresAt: z.string(),
  user: userSchema,
  organization: organizationSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
export const meResponseSchema = loginResponseSchema.omit({ token: true, expiresAt: true });

export const pushRequestSchema = z.object({
  clientId: z.string().uuid(),
  mutations: z.array(mutationEnvelopeSchema).min(1).max(500),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationResultSchema = z.discriminatedUnion('status', [
  /** Applied now, or already applied by an earlier (possibly lost) request. */
  z.object({ id: z.number().int(), status: z.literal('applied') }),
  /** Refused for good: the reason is shown to the user; the client drops it from the queue. */
  z.object({
    id: z.number().int(),
    status: z.literal('rejected'),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;
export const pushResponseSchema = z.object({
  results: z.array(mutationResultSchema),
  /** Highest mutation id of this client the server has processed. */
  lastMutationId: z.number().int().min(0),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** One changed row. `data` is absent when the row was deleted or is no longer visible to the user. */
export const changeSchema = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('unit'), id: z.string(), version: z.number(), deleted: z.boolean(), data: unitSchema.optional() }),
  z.object({ entity: z.literal('user'), id: z.string(), version: z.number(), deleted: z.boolean(), data: userSchema.optional() }),
  z.object({ entity: z.literal('register'), id: z.string(), version: z.number(), deleted: z.boolean(), data: registerSchema.optional() }),
  z.object({
    entity: z.literal('incomingDocument'),
    id: z.string(),
    version: z.number(),
    deleted: z.boolean(),
    data: incomingDocumentSchema.optional(),
  }),
  z.object({
    entity: z.literal('documentFile'),
    id: z.string(),
    version: z.number(),
    deleted: z.boolean(),
    data: documentFileSchema.optional(),
  }),
  ...ROUTING_CHANGES,
  ...OUTGOING_CHANGES,
]);
export type Change = z.infer<typeof changeSchema>;
export type EntityName = Change['entity'];

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** Version to send as `cursor` next time (a checkpoint: store it with the page). */
  cursor: z.number().int().min(0),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const pokeEventSchema = z.object({ version: z.number().int() });

/** Largest file accepted for one document file (bytes). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Chunk size clients use for uploads. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
