/**
 * What the user picks from before signing: every certificate on every plugged-in token, with subject,
 * issuer, validity and key usage, and — for those that cannot sign now — the reason in Vietnamese.
 */
import { AppError, type ErrorValue } from '../../../src-shared/contract/errors';
import { assertUsableForSigning, parseCertificate, type CertificateInfo } from './certificate-info';
import { findPkcs11Modules, type ModuleSearch } from './pkcs11-modules';
import type { TokenClient } from './token.client';
import type { TokenRef } from './token.protocol';
import { pinStateFromFlags, type PinState } from './pin-policy';

export type SigningCertificateChoice = {
  token: TokenRef & { label: string; serial: string; manufacturer: string; model: string };
  pinState: PinState;
  keyId: string;
  certificate: CertificateInfo;
  /** Set when this certificate must not be offered for signing; the message says why and what to do. */
  problem?: ErrorValue;
};

export async function listSigningCertificates(args: {
  tokens: TokenClient;
  search: ModuleSearch;
  now: Date;
}): Promise<{ choices: SigningCertificateChoice[]; modulesTried: string[]; unavailableModules: string[] }> {
  const modulePaths = findPkcs11Modules(args.search);
  if (modulePaths.length === 0) throw new AppError('TOKEN_MODULE_UNAVAILABLE');
  const { tokens, unavailableModules } = await args.tokens.call({ op: 'listTokens', modulePaths });
  if (tokens.length === 0) throw new AppError('TOKEN_NOT_FOUND');
  const choices: SigningCertificateChoice[] = [];
  for (const t of tokens) {
    for (const c of t.certificates) {
      const certificate = parseCertificate(new Uint8Array(Buffer.from(c.certDerBase64, 'base64')));
      let problem: ErrorValue | undefined;
      try {
        assertUsableForSigning(certificate, args.now);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        problem = err.toValue();
      }
      choices.push({
        token: { modulePath: t.modulePath, label: t.label, serial: t.serial, manufacturer: t.manufacturer, model: t.model },
        pinState: pinStateFromFlags(t.flags),
        keyId: c.keyId,
        certificate,
        problem,
      });
    }
  }
  return { choices, modulesTried: modulePaths, unavailableModules };
}
