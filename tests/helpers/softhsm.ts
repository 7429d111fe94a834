/**
 * A private SoftHSM2 installation per test file: its own config and token folder in a temp dir, tokens
 * created with `softhsm2-util`, keys and certificates imported with OpenSC `pkcs11-tool` (real tools only).
 * Callers pass `env` to the token worker so the module reads this config and never the system one.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestIdentity } from './pki';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export type SoftHsm = {
  dir: string;
  env: Record<string, string>;
  addToken(label: string, pin: string): void;
  importIdentity(label: string, pin: string, identity: TestIdentity, id: string): void;
  deleteToken(label: string): void;
};

export function createSoftHsm(): SoftHsm {
  const dir = mkdtempSync(join(tmpdir(), 'vanban-softhsm-'));
  const tokenDir = join(dir, 'tokens');
  mkdirSync(tokenDir);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { ...process.env, SOFTHSM2_CONF: conf } as Record<string, string>;
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return {
    dir,
    env: { SOFTHSM2_CONF: conf },
    addToken(label, pin) {
      run('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', '12345678', '--pin', pin]);
    },
    importIdentity(label, pin, identity, id) {
      const keyFile = join(dir, `${identity.name}-${id}.key.der`);
      const certFile = join(dir, `${identity.name}-${id}.cert.der`);
      writeFileSync(keyFile, identity.keyDer);
      writeFileSync(certFile, identity.certDer);
      const base = ['--module', SOFTHSM_MODULE, '--token-label', label, '--login', '--pin', pin, '--id', id];
      run('pkcs11-tool', [...base, '--write-object', keyFile, '--type', 'privkey', '--label', identity.name, '--usage-sign']);
      run('pkcs11-tool', [...base, '--write-object', certFile, '--type', 'cert', '--label', identity.name]);
    },
    deleteToken(label) {
      run('softhsm2-util', ['--delete-token', '--token', label]);
    },
  };
}
