/**
 * Signing with the USB token for one outgoing step (leader's approval of drafts, the clerk's number + seal, an
 * electronic copy): pick a certificate (refused ones greyed with why), an optional PNG (signature or seal), then the
 * PIN once — warned when few tries are left, an explicit confirmation on the final try, refused when locked.
 * The step's own call runs in `sign`; the PIN lives in this dialog's state for that one call and is cleared after.
 */
import { ReloadOutlined, SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, Modal, Radio, Space, Spin, Upload } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import type { SigningCertificate } from '../../../src-shared/contract';
import { useApi } from '../../lib/api-context';
import { isOrganizationCertificate } from '../../lib/certificate-kind';
import { fileToBase64 } from '../../lib/files';
import { errorCode, errorMessage } from '../../lib/format';
import { CertificateOption } from '../SigningDialog';
import '../signing.css';

export type TokenSignRequest = { certificateId: string; pin: string; confirmFinalTry: boolean; imageBase64?: string };

type Props = {
  open: boolean;
  title: string;
  /** What will be signed, shown at the top (files, number and symbol…). */
  summary: ReactNode;
  /** Label of the image picker, when this step takes an image (leader's signature, seal). */
  imageLabel?: string;
  okText: string;
  /** Whose token this step needs: the person's (leader's approval) or the organization's (seal, copies). */
  signer: 'person' | 'organization';
  onClose: () => void;
  /** Runs the step's call; a thrown error is shown in the PIN box (a wrong PIN lets the user try again). */
  sign: (req: TokenSignRequest) => Promise<void>;
};

export function TokenSignDialog({ open, title, summary, imageLabel, okText, signer, onClose, sign }: Props) {
  const api = useApi();
  const [certificateId, setCertificateId] = useState<string | null>(null);
  const [image, setImage] = useState<{ name: string; base64: string } | null>(null);
  const [pinOpen, setPinOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [confirmFinalTry, setConfirmFinalTry] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const tokens = useQuery({ queryKey: ['signing.listTokens'], queryFn: () => api.call('signing.listTokens', {}), enabled: open, retry: false });
  const certificates = tokens.data?.certificates ?? [];
  const chosen = certificates.find((c) => c.id === certificateId && c.usable) ?? null;
  const fits = (c: SigningCertificate) => isOrganizationCertificate(c) === (signer === 'organization');
  useEffect(() => {
    const wanted = (c: SigningCertificate) => c.usable && isOrganizationCertificate(c) === (signer === 'organization');
    if (!chosen) setCertificateId((certificates.find(wanted) ?? certificates.find((c) => c.usable))?.id ?? null);
  }, [certificates, chosen, signer]);
  useEffect(() => {
    if (open) {
      setError(null);
      setPin('');
    }
  }, [open]);

  const pinBlocked = !pin || busy || chosen?.pinState === 'locked' || (chosen?.pinState === 'finalTry' && !confirmFinalTry);
  const run = async () => {
    if (!chosen || pinBlocked) return;
    setBusy(true);
    setError(null);
    try {
      await sign({ certificateId: chosen.id, pin, confirmFinalTry, ...(image ? { imageBase64: image.base64 } : {}) });
      setPinOpen(false);
    } catch (err) {
      // A wrong PIN changes the token's flags (count low, final try): show them before the next try.
      if (errorCode(err)?.startsWith('PIN_')) void tokens.refetch();
      setError(errorMessage(err));
    } finally {
      setPin('');
      setConfirmFinalTry(false);
      setBusy(false);
    }
  };

  return (
    <Modal open={open} onCancel={onClose} width={760} title={title} footer={null} destroyOnHidden>
      <div data-testid="token-sign-summary">{summary}</div>
      <h4 className="signing-step">
        Chứng thư số{' '}
        <Button size="small" type="text" icon={<ReloadOutlined />} onClick={() => void tokens.refetch()} loading={tokens.isFetching}>
          Tìm lại USB ký số
        </Button>
      </h4>
      {tokens.isPending && tokens.fetchStatus !== 'idle' && <Spin size="small" description="Đang đọc USB ký số…" />}
      {tokens.isError && <Alert type="warning" showIcon title="Chưa đọc được USB ký số" description={errorMessage(tokens.error)} />}
      {tokens.data && certificates.length === 0 && (
        <Alert type="warning" showIcon title="Không thấy chứng thư số nào" description="Hãy cắm USB ký số rồi bấm “Tìm lại USB ký số”." />
      )}
      {tokens.data && (
        <Radio.Group value={chosen?.id ?? null} onChange={(e) => setCertificateId(e.target.value as string)} style={{ display: 'grid', gap: 6 }}>
          {certificates.map((c) => (
            <Radio key={c.id} value={c.id} disabled={!c.usable}>
              <CertificateOption c={c} />
            </Radio>
          ))}
        </Radio.Group>
      )}
      {chosen && !fits(chosen) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="token-sign-wrong-kind"
          title={
            signer === 'organization'
              ? 'Chứng thư đang chọn là của cá nhân. Đóng dấu số và bản sao điện tử phải ký bằng chứng thư số của cơ quan (USB của văn thư).'
              : 'Chứng thư đang chọn là của cơ quan. Lãnh đạo ký duyệt bằng chứng thư số cá nhân của mình.'
          }
        />
      )}
      {imageLabel && (
        <Space style={{ marginTop: 12 }}>
          <Upload
            accept="image/png"
            showUploadList={false}
            beforeUpload={async (file) => {
              setImage({ name: file.name, base64: await fileToBase64(file) });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{imageLabel}</Button>
          </Upload>
          <span className="muted">{image ? image.name : 'Không chọn ảnh: dùng mẫu đã cài đặt hoặc dòng chữ thay thế.'}</span>
        </Space>
      )}
      <div className="signing-actions">
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          disabled={!chosen}
          onClick={() => {
            setError(null);
            setPin('');
            setPinOpen(true);
          }}
          data-testid="token-sign-start"
        >
          {okText}
        </Button>
      </div>
      <Modal
        open={pinOpen}
        title="Nhập mã PIN của USB ký số"
        okText="Ký"
        cancelText="Hủy"
        onCancel={() => {
          setPin('');
          setPinOpen(false);
        }}
        onOk={() => void run()}
        okButtonProps={{ disabled: pinBlocked, loading: busy, 'data-testid': 'pin-ok' }}
        destroyOnHidden
      >
        {chosen && (
          <p>
            Ký bằng chứng thư của <strong>{chosen.subjectCommonName}</strong> (USB {chosen.tokenLabel}). Mã PIN chỉ dùng cho lần ký này và không được lưu.
          </p>
        )}
        {chosen?.pinState === 'countLow' && (
          <Alert type="warning" showIcon style={{ marginBottom: 8 }} title="Sắp hết số lần thử" description="Mã PIN đã bị nhập sai trước đó. Hãy kiểm tra kỹ trước khi nhập." />
        )}
        {chosen?.pinState === 'locked' && <Alert type="error" showIcon style={{ marginBottom: 8 }} title="USB ký số đã bị khóa" description="Hãy liên hệ đơn vị cấp chứng thư số để mở khóa." />}
        <Input.Password
          autoFocus
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          onPressEnter={() => void run()}
          placeholder="Mã PIN"
          autoComplete="off"
          disabled={chosen?.pinState === 'locked' || busy}
          data-testid="pin-input"
        />
        {chosen?.pinState === 'finalTry' && (
          <Checkbox checked={confirmFinalTry} onChange={(e) => setConfirmFinalTry(e.target.checked)} style={{ marginTop: 8 }} data-testid="pin-final-confirm">
            Tôi hiểu đây là lần thử cuối cùng: nếu sai, USB ký số sẽ bị khóa.
          </Checkbox>
        )}
        {busy && <Spin size="small" description="Đang ký…" style={{ marginTop: 8 }} />}
        {error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={error} data-testid="pin-error" />}
      </Modal>
    </Modal>
  );
}
