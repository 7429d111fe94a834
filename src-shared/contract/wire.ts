/** Message shapes on message-based transports (WebSocket, Electron IPC). Validated on receipt. */
import { z } from 'zod';
import { ERROR_CODES } from './errors';

export const callMessageSchema = z.object({
  t: z.literal('call'),
  id: z.number().int(),
  method: z.string().max(100),
  params: z.unknown(),
});
export type CallMessage = z.infer<typeof callMessageSchema>;

export const errorValueSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

export const resultMessageSchema = z.union([
  z.object({ t: z.literal('result'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ t: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: errorValueSchema }),
]);
export type ResultMessage = z.infer<typeof resultMessageSchema>;

export const eventMessageSchema = z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() });
export type EventMessage = z.infer<typeof eventMessageSchema>;

export const serverMessageSchema = z.union([resultMessageSchema, eventMessageSchema]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** Electron IPC channel names: one for calls (invoke), one for events (send). */
export const IPC_CALL_CHANNEL = 'vanban:call';
export const IPC_EVENT_CHANNEL = 'vanban:event';
