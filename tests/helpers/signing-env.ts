/**
 * Shared setup for the signing tests (imported only by *.test.ts): a test CA, a private SoftHSM2 with the
 * leader's token (RSA) and the organization's token (ECDSA), an NSS db for pdfsig, and the token worker.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createNssDb, createTestPki, type TestPki } from './pki';
import { FONT_DIR } from './signing-fixtures';
import { createSoftHsm, SOFTHSM_MODULE, type SoftHsm } from './softhsm';
import { createTokenClient, type TokenClient } from '../../src-main/core/signing/token.client';
import type { SignerSelection } from '../../src-main/core/signing/pades.service';

export const LEADER_PIN = '111111';
export const ORG_PIN = '222222';

export type SigningTestEnv = {
  pki: TestPki;
  hsm: SoftHsm;
  nssDir: string;
  tokens: TokenClient;
  stampFont: Uint8Array;
  leader: SignerSelection;
  organization: SignerSelection;
  /** A token holding the expired, not-yet-valid and encryption-only certificates. */
  misc: { expired: SignerSelection; notYetValid: SignerSelection; noSigningUsage: SignerSelection };
  /** Stops the token worker and removes the temp folders (CA, tokens, NSS db). */
  dispose(): Promise<void>;
};

export function createSigningTestEnv(): SigningTestEnv {
  const pki = createTestPki();
  const hsm = createSoftHsm();
  hsm.addToken('LANH DAO', LEADER_PIN);
  hsm.importIdentity('LANH DAO', LEADER_PIN, pki.leader, '01');
  hsm.addToken('CO QUAN', ORG_PIN);
  hsm.importIdentity('CO QUAN', ORG_PIN, pki.organization, '02');
  hsm.addToken('KHAC', LEADER_PIN);
  hsm.importIdentity('KHAC', LEADER_PIN, pki.expired, '11');
  hsm.importIdentity('KHAC', LEADER_PIN, pki.notYetValid, '12');
  hsm.importIdentity('KHAC', LEADER_PIN, pki.noSigningUsage, '13');
  const sel = (label: string, keyId: string, certDer: Uint8Array): SignerSelection => ({
    token: { modulePath: SOFTHSM_MODULE, label },
    keyId,
    certDer,
  });
  const tokens = createTokenClient({ env: hsm.env });
  return {
    pki,
    hsm,
    async dispose() {
      await tokens.dispose();
      rmSync(pki.dir, { recursive: true, force: true });
      rmSync(hsm.dir, { recursive: true, force: true });
    },
    nssDir: createNssDb(pki),
    tokens,
    stampFont: new Uint8Array(readFileSync(join(FONT_DIR, 'LiberationSerif-Regular.ttf'))),
    leader: sel('LANH DAO', '01', pki.leader.certDer),
    organization: sel('CO QUAN', '02', pki.organization.certDer),
    misc: {
      expired: sel('KHAC', '11', pki.expired.certDer),
      notYetValid: sel('KHAC', '12', pki.notYetValid.certDer),
      noSigningUsage: sel('KHAC', '13', pki.noSigningUsage.certDer),
    },
  };
}
