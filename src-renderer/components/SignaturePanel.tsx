/**
 * "Chữ ký số" panel under a PDF: the core verifies the file's signatures (signing.verify) against this
 * desktop's trust anchors. Green when valid, red with every problem when not, and a clear line when the file
 * was changed after signing.
 */
import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Spin } from 'antd';
import type { ReceivedSignature } from '../../src-shared/contract';
import { useApi } from '../lib/api-context';
import { dateTimeVi, errorMessage } from '../lib/format';
import { commonName } from './ReceivedSignatures';
import './signing.css';

const CHAIN_TEXT: Record<ReceivedSignature['chain'], string> = {
  trusted: 'chứng thư số do CA tin cậy cấp',
  untrusted: 'chứng thư số KHÔNG thuộc CA tin cậy đã cài trên máy',
  expiredAtSigning: 'chứng thư số đã hết hạn lúc ký',
};

function SignatureCard({ s }: { s: ReceivedSignature }) {
  const what = s.kind === 'docTimeStamp' ? 'Dấu thời gian' : 'Chữ ký số';
  return (
    <div className={`signature-card ${s.valid ? 'is-valid' : 'is-broken'}`} data-testid={s.valid ? 'signature-panel-valid' : 'signature-panel-broken'}>
      <div className="signature-card-title">
        {s.valid ? <CheckCircleFilled /> : <CloseCircleFilled />} {what} {s.valid ? 'hợp lệ' : 'KHÔNG hợp lệ'}
      </div>
      <div>
        Người ký: <strong>{s.signer ?? commonName(s.signerSubject)}</strong>
      </div>
      <div>Cơ quan cấp chứng thư: {commonName(s.issuer)}</div>
      <div>
        Thời gian ký: {s.signingTime ? dateTimeVi(s.signingTime) : 'không rõ'}
        {s.signingTimeSource === 'timestamp' ? ' (theo dấu thời gian)' : s.signingTimeSource === 'claimed' ? ' (theo máy người ký)' : ''}
      </div>
      <div>Toàn vẹn: {s.integrity ? 'nội dung được ký không bị thay đổi' : 'nội dung đã bị thay đổi, chữ ký không còn giá trị'}</div>
      <div>Chứng thư: {CHAIN_TEXT[s.chain]}</div>
      {s.modifiedAfterSigning && <div className="signature-card-alert">Tệp đã bị sửa sau khi ký.</div>}
      {!s.valid && s.problems.length > 0 && (
        <ul className="signature-card-problems">
          {s.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SignaturePanel({ sha256 }: { sha256: string }) {
  const api = useApi();
  const verify = useQuery({ queryKey: ['signing.verify', sha256], queryFn: () => api.call('signing.verify', { sha256 }) });
  return (
    <Card
      size="small"
      className="signature-panel"
      data-testid="signature-panel"
      title={
        <span>
          <SafetyCertificateOutlined /> Chữ ký số
        </span>
      }
    >
      {verify.isPending && <Spin size="small" description="Đang kiểm tra chữ ký số…" />}
      {verify.isError && (
        <Alert
          type="error"
          showIcon
          title="Không kiểm tra được chữ ký số của tệp này"
          description={errorMessage(verify.error)}
          action={<Button size="small" onClick={() => void verify.refetch()}>Thử lại</Button>}
        />
      )}
      {verify.data && verify.data.signatures.length === 0 && <div className="signature-line" style={{ color: '#8c8c8c' }}>Tệp chưa có chữ ký số.</div>}
      {verify.data?.signatures.map((s) => <SignatureCard key={s.fieldName} s={s} />)}
    </Card>
  );
}
