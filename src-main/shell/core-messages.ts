/**
 * Messages between the Electron main process and the utility process that hosts the core
 * (`process.parentPort` / `UtilityProcess.postMessage`). Both sides validate what they receive: a
 * crashed or confused peer must produce a readable error, never undefined behaviour.
 * No electron import here: the module is shared by main.ts and core-process.ts.
 */
import { z } from 'zod';
import { callMessageSchema, eventMessageSchema, resultMessageSchema } from '../../src-shared/contract';

export const coreInitSchema = z.object({
  t: z.literal('init'),
  dataDir: z.string().min(1),
  /** Agency server given at launch (env VANBAN_SERVER_URL); when set it wins over the saved choice. */
  serverUrl: z.string().optional(),
  appVersion: z.string(),
});
export type CoreInit = z.infer<typeof coreInitSchema>;

/** Answer of the main process to a safeStorage request of the core. */
export const cryptoResultSchema = z.union([
  z.object({ t: z.literal('cryptoResult'), id: z.number().int(), ok: z.literal(true), value: z.string() }),
  z.object({ t: z.literal('cryptoResult'), id: z.number().int(), ok: z.literal(false), message: z.string() }),
]);
export type CryptoResult = z.infer<typeof cryptoResultSchema>;

/** Close the replica cleanly and exit (a message, not a signal: Windows has no catchable SIGTERM). */
export const coreShutdownSchema = z.object({ t: z.literal('shutdown') });

/**
 * Token worker link (installed app, see token-worker-host.ts): the core asks for a worker; the main process
 * answers `tokenPort` with the MessagePort in the event's `ports`, and `tokenWorkerExited` when that worker died.
 */
export const tokenPortSchema = z.object({ t: z.literal('tokenPort') });
export const tokenWorkerExitedSchema = z.object({ t: z.literal('tokenWorkerExited') });
export const tokenWorkerRequestSchema = z.object({ t: z.literal('tokenWorker') });

export const toCoreSchema = z.union([coreInitSchema, callMessageSchema, cryptoResultSchema, coreShutdownSchema, tokenPortSchema, tokenWorkerExitedSchema]);
export type ToCore = z.infer<typeof toCoreSchema>;

/** The core asks the main process to encrypt/decrypt with safeStorage (only the main process may use it). */
export const cryptoRequestSchema = z.object({
  t: z.literal('crypto'),
  id: z.number().int(),
  op: z.enum(['encrypt', 'decrypt']),
  /** encrypt: plain text; decrypt: base64 of the encrypted bytes. */
  data: z.string(),
});
export type CryptoRequest = z.infer<typeof cryptoRequestSchema>;

export const coreReadySchema = z.object({ t: z.literal('ready') });
export const coreFatalSchema = z.object({ t: z.literal('fatal'), message: z.string() });

export const fromCoreSchema = z.union([resultMessageSchema, eventMessageSchema, cryptoRequestSchema, coreReadySchema, coreFatalSchema, tokenWorkerRequestSchema]);
export type FromCore = z.infer<typeof fromCoreSchema>;
