import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL, createFileSecretStore, resolveServerUrl, writeSettings } from './settings';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'vanban-settings-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('settings and secrets', () => {
  it('keeps secrets in a file only its owner can read', async () => {
    const dir = tmp();
    const store = createFileSecretStore(dir);
    expect(await store.get('k')).toBeNull();
    await store.set('k', 'v1');
    await store.set('other', 'v2');
    expect(await store.get('k')).toBe('v1');
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    await store.delete('k');
    expect(await createFileSecretStore(dir).get('k')).toBeNull();
    expect(await createFileSecretStore(dir).get('other')).toBe('v2');
  });

  it('resolves the server address: option, then settings.json, then the environment, then the default', () => {
    const dir = tmp();
    const saved = process.env.VANBAN_SERVER_URL;
    try {
      delete process.env.VANBAN_SERVER_URL;
      expect(resolveServerUrl(dir)).toBe(DEFAULT_SERVER_URL);
      process.env.VANBAN_SERVER_URL = 'http://env.example:1/';
      expect(resolveServerUrl(dir)).toBe('http://env.example:1');
      writeSettings(dir, { serverUrl: 'http://settings.example:2' });
      expect(resolveServerUrl(dir)).toBe('http://settings.example:2');
      expect(resolveServerUrl(dir, 'http://option.example:3')).toBe('http://option.example:3');
      // A damaged settings file does not stop the app: the next source applies.
      writeFileSync(join(dir, 'settings.json'), '{not json');
      expect(resolveServerUrl(dir)).toBe('http://env.example:1');
    } finally {
      if (saved === undefined) delete process.env.VANBAN_SERVER_URL;
      else process.env.VANBAN_SERVER_URL = saved;
    }
  });
});
