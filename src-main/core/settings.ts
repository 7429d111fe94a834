/**
 * settings.json in the data dir (which agency server this desktop talks to) and the default file-based
 * SecretStore. Both are written temp-file + rename so a crash never leaves half a file.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export type SecretStore = {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
};

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

const settingsSchema = z.object({ serverUrl: z.string().url().optional() }).passthrough();
export type Settings = z.infer<typeof settingsSchema>;

function writeAtomic(file: string, text: string, mode?: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, mode === undefined ? undefined : { mode });
  renameSync(tmp, file);
}

export function readSettings(dataDir: string): Settings {
  const file = join(dataDir, 'settings.json');
  if (!existsSync(file)) return {};
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    // A damaged settings file must not stop the app from starting; defaults apply.
    return {};
  }
}

export function writeSettings(dataDir: string, patch: Partial<Settings>): Settings {
  const next = { ...readSettings(dataDir), ...patch };
  writeAtomic(join(dataDir, 'settings.json'), JSON.stringify(next, null, 2));
  return next;
}

/** Precedence: explicit option, settings.json, env VANBAN_SERVER_URL, built-in default. */
export function resolveServerUrl(dataDir: string, explicit?: string): string {
  const url = explicit ?? readSettings(dataDir).serverUrl ?? process.env.VANBAN_SERVER_URL ?? DEFAULT_SERVER_URL;
  return url.replace(/\/+$/, '');
}

/** Secrets in a 0600 JSON file; Electron replaces this with a safeStorage-backed store. */
export function createFileSecretStore(dataDir: string): SecretStore {
  const file = join(dataDir, 'secrets.json');
  const load = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    try {
      return z.record(z.string(), z.string()).parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      return {};
    }
  };
  const save = (data: Record<string, string>) => writeAtomic(file, JSON.stringify(data), 0o600);
  return {
    get: async (key) => load()[key] ?? null,
    set: async (key, value) => save({ ...load(), [key]: value }),
    delete: async (key) => {
      const data = load();
      delete data[key];
      save(data);
    },
  };
}
