/**
 * What the core found when it verified the digital signatures of a received PDF at intake (DOMAIN.md: check
 * signature and integrity before registering). Valid: green with signer, CA and signing time. Broken: red, with
 * each problem, so the clerk sees it before "Vào sổ". Unsigned: a neutral note only.
 */
import { CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import type { ReceivedSignature, StagedFile } from '../../src-shared/contract';
import { dateTimeVi } from '../lib/format';

/** Common name out of a distinguished name ("CN=Cục X, O=..." → "Cục X"); the whole string when there is none. */
export function commonName(dn: string | null): string {
  if (!dn) return 'không rõ';
  const m = /(?:^|,\s*)CN=([^,]+)/.exec(dn);
  return m?.[1]?.trim() ?? dn;
}

export function hasBrokenSignature(staged: StagedFile | undefined): boolean {
  return Boolean(staged?.signatureWarning) || (staged?.signatures ?? []).some((s) => !s.valid);
}

function SignatureLine({ s }: { s: ReceivedSignature }) {
  const what = s.kind === 'docTimeStamp' ? 'Dấu thời gian' : 'Chữ ký số';
  const when = s.signingTime ? `, ký lúc ${dateTimeVi(s.signingTime)}${s.signingTimeSource === 'timestamp' ? ' (dấu thời gian)' : ''}` : '';
  if (s.valid) {
    return (
      <div className="signature-line is-valid" data-testid="signature-valid">
        <CheckCircleFilled /> {what} hợp lệ: <strong>{s.signer ?? commonName(s.signerSubject)}</strong> · CA {commonName(s.issuer)}
        {when}
      </div>
    );
  }
  return (
    <div className="signature-line is-broken" data-testid="signature-broken">
      <WarningFilled /> {what} KHÔNG hợp lệ{s.signer ? ` (${s.signer})` : ''}
      {when}: {s.problems.length ? s.problems.join('; ') : 'không kiểm tra được chữ ký.'}
    </div>
  );
}

export function ReceivedSignatures({ staged }: { staged: StagedFile }) {
  const sigs = staged.signatures;
  if (!staged.mime.includes('pdf') || staged.convertedFrom) return null;
  if (!sigs || sigs.length === 0) {
    return staged.signatureWarning ? (
      <div className="signature-line is-broken" data-testid="signature-broken">
        <WarningFilled /> {staged.signatureWarning}
      </div>
    ) : (
      <div className="signature-line" style={{ color: '#8c8c8c' }}>
        Không có chữ ký số
      </div>
    );
  }
  return (
    <>
      {sigs.map((s) => (
        <SignatureLine key={s.fieldName} s={s} />
      ))}
      {staged.signatureWarning && (
        <div className="signature-line is-broken" data-testid="signature-warning">
          {staged.signatureWarning}
        </div>
      )}
    </>
  );
}
