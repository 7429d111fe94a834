import { describe, expect, it } from 'vitest';
import { defaultServerDataDir, readServerEnv } from './config';

describe('server data dir per OS', () => {
  it('follows XDG on Linux, with the usual fallback', () => {
    expect(defaultServerDataDir('linux', { XDG_DATA_HOME: '/data/xdg' }, '/home/lan')).toBe('/data/xdg/vanban-desk/server');
    expect(defaultServerDataDir('linux', {}, '/home/lan')).toBe('/home/lan/.local/share/vanban-desk/server');
  });
  it('uses APPDATA on Windows and Application Support on macOS', () => {
    expect(defaultServerDataDir('win32', { APPDATA: 'C:\\Users\\lan\\AppData\\Roaming' }, 'C:\\Users\\lan')).toBe(
      'C:\\Users\\lan\\AppData\\Roaming\\VanBan Desk\\server',
    );
    expect(defaultServerDataDir('darwin', {}, '/Users/lan')).toBe('/Users/lan/Library/Application Support/VanBan Desk/server');
  });
});

describe('server env', () => {
  it('defaults to a local server on 8787 with the demo seed', () => {
    const c = readServerEnv({ VANBAN_SERVER_DATA: '/srv/vanban' });
    expect(c).toEqual({ port: 8787, host: '127.0.0.1', dataDir: '/srv/vanban', databaseUrl: undefined, seed: 'demo' });
  });
  it('takes a LAN host, PostgreSQL and no seed', () => {
    const c = readServerEnv({ PORT: '9000', HOST: '0.0.0.0', DATABASE_URL: 'postgres://u@db/vanban', VANBAN_SEED: 'none' });
    expect(c).toMatchObject({ port: 9000, host: '0.0.0.0', databaseUrl: 'postgres://u@db/vanban', seed: 'none' });
  });
  it('refuses nonsense rather than guessing', () => {
    expect(() => readServerEnv({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => readServerEnv({ VANBAN_SEED: 'full' })).toThrow(/VANBAN_SEED/);
  });
});
