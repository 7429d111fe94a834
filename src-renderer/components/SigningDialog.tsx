/**
 * "Ký số": sign one or more PDFs with a certificate on a USB token. The user ticks the files, picks a
 * certificate (the ones that cannot sign are greyed with the reason), enters the PIN once for the batch
 * (warned when few tries are left, an explicit confirmation on the final try, refused when locked), then
 * watches the progress and one result row per file; a signed file opens in the viewer.
 * The PIN lives only in this dialog's state for the one call and is cleared right after it.
 */
import { FilePdfOutlined, ReloadOutlined, SafetyCertificateOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, Modal, Progress, Radio, Select, Space, Spin, Tag, Upload } from 'antd';
import { useEffect, useState } from 'react';
import type { SignFileResult, SigningAppearance, SigningCertificate } from '../../src-shared/contract';
import type { IssuanceFillIn, SignedFileTarget } from '../../src-shared/contract/methods-signing';
import { useApi } from '../lib/api-context';
import { fileToBase64 } from '../lib/files';
import { dateVi, errorCode, errorMessage } from '../lib/format';
import { commonName } from './ReceivedSignatures';
import { SigningSettings } from './SigningSettings';
import './signing.css';
import type { OpenFile } from './SignedFileDrawer';

const APPEARANCES: { value: SigningAppearance; label: string }[] = [
  { value: 'approval', label: 'Chữ ký của lãnh đạo (phê duyệt)' },
  { value: 'seal', label: 'Đóng dấu của cơ quan (chữ ký số của cơ quan)' },
  { value: 'attachmentStamp', label: 'Ký phụ lục / tệp đính kèm (số, ký hiệu và thời gian)' },
  { value: 'copyStamp', label: 'Ký bản sao (SAO Y / SAO LỤC / TRÍCH SAO)' },
];

const PIN_STATE_TAG: Record<SigningCertificate['pinState'], { color: string; text: string } | null> = {
  ok: null,
  countLow: { color: 'orange', text: 'Sắp hết số lần thử PIN' },
  finalTry: { color: 'red', text: 'Lần thử PIN cuối cùng' },
  locked: { color: 'red', text: 'USB ký số đã bị khóa' },
};

export function CertificateOption({ c }: { c: SigningCertificate }) {
  const tag = PIN_STATE_TAG[c.pinState];
  return (
    <div className={`cert-option${c.usable ? '' : ' is-refused'}`} data-testid="signing-certificate">
      <div>
        <SafetyCertificateOutlined /> <strong>{c.subjectCommonName}</strong> {tag && <Tag color={tag.color}>{tag.text}</Tag>}
      </div>
      <div className="cert-meta">
        CA: {commonName(c.issuer)} · hiệu lực {dateVi(c.notBefore)} – {dateVi(c.notAfter)} · USB {c.tokenLabel}
      </div>
      {c.problem && <div className="cert-problem">{c.problem}</div>}
    </div>
  );
}

const COPY_FORMS = ['SAO Y', 'SAO LỤC', 'TRÍCH SAO'];

/** What a screen that opens the dialog for a known step (sign a draft, seal an issued document, …) fixes in advance. */
export type SigningPreset = {
  appearance: SigningAppearance;
  /** The user cannot change the appearance. */
  lock?: boolean;
  /** Number/symbol and issue date written in with the seal. */
  fillIn?: IssuanceFillIn;
  numberAndSymbol?: string;
  copyForm?: string;
  copyingOrganization?: string;
  reason?: string;
};

export function SigningDialog(props: {
  open: boolean;
  /** `attachTo`: the core attaches the signed file to that document. */
  files: (OpenFile & { attachTo?: SignedFileTarget })[];
  title?: string;
  preset?: SigningPreset;
  onClose: () => void;
  onOpenSigned: (file: OpenFile) => void;
  onSigned?: (results: SignFileResult[]) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [certificateId, setCertificateId] = useState<string | null>(null);
  const [appearance, setAppearance] = useState<SigningAppearance>(props.preset?.appearance ?? 'approval');
  const [image, setImage] = useState<{ name: string; base64: string } | null>(null);
  const [numberAndSymbol, setNumberAndSymbol] = useState(props.preset?.numberAndSymbol ?? '');
  const [copyForm, setCopyForm] = useState(props.preset?.copyForm ?? 'SAO Y');
  const [copyingOrganization, setCopyingOrganization] = useState(props.preset?.copyingOrganization ?? '');
  const [pinOpen, setPinOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [confirmFinalTry, setConfirmFinalTry] = useState(false);
  const [pinError, setPinError] = useState<string | null>(null);
  const [rows, setRows] = useState<SignFileResult[]>([]);
  const [total, setTotal] = useState(0);
  const fileKey = props.files.map((f) => f.sha256).join(',');
  const presetAppearance = props.preset?.appearance;

  // Reset when the dialog opens or its files change (keyed by content, not by the array's identity).
  useEffect(() => {
    if (!props.open) return;
    setSelected(fileKey ? fileKey.split(',') : []);
    setRows([]);
    setTotal(0);
    if (presetAppearance) setAppearance(presetAppearance);
  }, [props.open, fileKey, presetAppearance]);

  const tokens = useQuery({ queryKey: ['signing.listTokens'], queryFn: () => api.call('signing.listTokens', {}), enabled: props.open, retry: false });
  const certificates = tokens.data?.certificates ?? [];
  // `current` stays the user's choice even when it stops being usable (locked by a wrong final try), so the PIN
  // dialog can say so; only a usable one can sign.
  const current = certificates.find((c) => c.id === certificateId) ?? null;
  const chosen = current?.usable ? current : null;
  useEffect(() => {
    if (!current || (!current.usable && !pinOpen)) setCertificateId(certificates.find((c) => c.usable)?.id ?? null);
  }, [certificates, current, pinOpen]);

  useEffect(() => api.on('signing.progress', (p) => {
    setTotal(p.total);
    setRows((prev) => [...prev.filter((r) => r.sha256 !== p.lastResult.sha256), p.lastResult]);
  }), [api]);

  const sign = useMutation({
    mutationFn: (pinValue: string) =>
      api.call('signing.signFiles', {
        files: props.files.filter((f) => selected.includes(f.sha256)),
        certificateId: chosen!.id,
        pin: pinValue,
        confirmFinalTry,
        appearance,
        ...(image ? { imageBase64: image.base64 } : {}),
        ...(numberAndSymbol.trim() ? { numberAndSymbol: numberAndSymbol.trim() } : {}),
        ...(appearance === 'copyStamp' ? { copyForm, ...(copyingOrganization.trim() ? { copyingOrganization: copyingOrganization.trim() } : {}) } : {}),
        ...(appearance === 'seal' && props.preset?.fillIn ? { fillIn: props.preset.fillIn } : {}),
        ...(props.preset?.reason ? { reason: props.preset.reason } : {}),
      }),
    onMutate: () => {
      setRows([]);
      setTotal(selected.length);
    },
    onSuccess: (res) => {
      setPinOpen(false);
      setRows(res.results);
      void queryClient.invalidateQueries({ queryKey: ['signing.verify'] });
      props.onSigned?.(res.results);
    },
    onError: (err) => {
      // Nothing was signed (wrong PIN, token gone before login): no progress bar for this try.
      setTotal(0);
      const code = errorCode(err);
      // A wrong PIN changes the token's flags (count low, final try): show them before the next try.
      if (code?.startsWith('PIN_')) void tokens.refetch();
      setPinError(errorMessage(err));
    },
    onSettled: () => {
      setPin('');
      setConfirmFinalTry(false);
    },
  });

  const openPin = () => {
    setPinError(null);
    setPin('');
    setConfirmFinalTry(false);
    sign.reset();
    setPinOpen(true);
  };
  const needsImage = appearance === 'seal' && !image;
  const canSign = chosen !== null && selected.length > 0 && !needsImage && !sign.isPending;
  const done = rows.length;
  const succeeded = rows.filter((r) => r.ok).length;

  return (
    <Modal open={props.open} onCancel={props.onClose} width={820} title={props.title ?? 'Ký số văn bản'} footer={null} destroyOnHidden>
      <h4 className="signing-step">1. Tệp cần ký</h4>
      <Checkbox.Group value={selected} onChange={(v) => setSelected(v as string[])} style={{ display: 'grid', gap: 4 }} data-testid="signing-files">
        {props.files.map((f) => (
          <Checkbox key={f.sha256} value={f.sha256}>
            <FilePdfOutlined style={{ color: '#cf1322' }} /> {f.name}
          </Checkbox>
        ))}
      </Checkbox.Group>

      <h4 className="signing-step">
        2. Chứng thư số{' '}
        <Button size="small" type="text" icon={<ReloadOutlined />} onClick={() => void tokens.refetch()} loading={tokens.isFetching}>
          Tìm lại USB ký số
        </Button>
        <Button size="small" type="text" icon={<SettingOutlined />} onClick={() => setSettingsOpen(true)} data-testid="signing-settings">
          Cài đặt ký số
        </Button>
      </h4>
      {tokens.isPending && tokens.fetchStatus !== 'idle' && <Spin size="small" description="Đang đọc USB ký số…" />}
      {tokens.isError && <Alert type="warning" showIcon title="Chưa đọc được USB ký số" description={errorMessage(tokens.error)} />}
      {tokens.data && (
        <Radio.Group value={chosen?.id ?? null} onChange={(e) => setCertificateId(e.target.value as string)} style={{ display: 'grid', gap: 6 }}>
          {certificates.map((c) => (
            <Radio key={c.id} value={c.id} disabled={!c.usable}>
              <CertificateOption c={c} />
            </Radio>
          ))}
        </Radio.Group>
      )}

      <h4 className="signing-step">3. Hình thức chữ ký</h4>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select value={appearance} onChange={setAppearance} options={APPEARANCES} style={{ width: 420 }} disabled={props.preset?.lock} data-testid="signing-appearance" />
        {appearance === 'seal' && props.preset?.fillIn && (
          <span className="muted" data-testid="signing-fill-in">
            Điền vào văn bản: Số {props.preset.fillIn.numberAndSymbol}, ngày {dateVi(props.preset.fillIn.issueDate)}
          </span>
        )}
        {(appearance === 'approval' || appearance === 'seal') && (
          <Space>
            <Upload
              accept="image/png"
              showUploadList={false}
              beforeUpload={async (file) => {
                setImage({ name: file.name, base64: await fileToBase64(file) });
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{appearance === 'seal' ? 'Chọn ảnh con dấu (PNG)' : 'Chọn ảnh chữ ký (PNG, không bắt buộc)'}</Button>
            </Upload>
            <span className="muted">{image ? image.name : appearance === 'approval' ? 'Không có ảnh: hiện dòng "Người ký" và thời gian ký.' : ''}</span>
          </Space>
        )}
        {appearance === 'attachmentStamp' && (
          <Input placeholder="Số, ký hiệu (ví dụ 12/QĐ-UBND)" value={numberAndSymbol} onChange={(e) => setNumberAndSymbol(e.target.value)} style={{ width: 320 }} />
        )}
        {appearance === 'copyStamp' && (
          <Space>
            <Select value={copyForm} onChange={setCopyForm} options={COPY_FORMS.map((v) => ({ value: v, label: v }))} style={{ width: 140 }} data-testid="signing-copy-form" />
            <Input placeholder="Cơ quan sao (ví dụ Sở Nội vụ)" value={copyingOrganization} onChange={(e) => setCopyingOrganization(e.target.value)} style={{ width: 300 }} />
          </Space>
        )}
      </Space>

      <div className="signing-actions">
        <Button type="primary" icon={<SafetyCertificateOutlined />} disabled={!canSign} onClick={openPin} data-testid="signing-start">
          Ký {selected.length} tệp
        </Button>
      </div>

      {total > 0 && (
        <div className="signing-results" data-testid="signing-results">
          <Progress percent={Math.round((done / total) * 100)} status={sign.isPending ? 'active' : succeeded === total ? 'success' : 'normal'} />
          {sign.isSuccess && (
            <div className="muted">
              Đã ký {succeeded}/{total} tệp.
            </div>
          )}
          {rows.map((r) => (
            <div key={r.sha256} className={`signing-row ${r.ok ? 'is-ok' : 'is-failed'}`} data-testid="signing-row">
              <span className="name">{r.name}</span>
              {r.ok ? <Tag color="green">Thành công</Tag> : <Tag color="red">Lỗi: {r.error?.message}</Tag>}
              {r.ok && r.timestamp === 'queued' && (
                <Tag color="blue" data-testid="signing-row-timestamp-queued">
                  Chưa có dấu thời gian: sẽ tự bổ sung khi máy chủ dấu thời gian trả lời
                </Tag>
              )}
              {r.ok && r.attachError && <Tag color="orange">{r.attachError}</Tag>}
              {r.ok && r.signed && (
                <Button size="small" onClick={() => props.onOpenSigned({ sha256: r.signed!.sha256, name: r.signed!.name })}>
                  Xem tệp đã ký
                </Button>
              )}
            </div>
          ))}
        </div>
      )}

      <SigningSettings open={settingsOpen} onClose={() => setSettingsOpen(false)} />

      <Modal
        open={pinOpen}
        title="Nhập mã PIN của USB ký số"
        okText="Ký"
        cancelText="Hủy"
        onCancel={() => {
          setPin('');
          setPinOpen(false);
        }}
        onOk={() => sign.mutate(pin)}
        okButtonProps={{
          disabled: !pin || !chosen || chosen.pinState === 'locked' || (chosen.pinState === 'finalTry' && !confirmFinalTry),
          loading: sign.isPending,
          'data-testid': 'pin-ok',
        }}
        destroyOnHidden
      >
        {current && (
          <p>
            Ký {selected.length} tệp bằng chứng thư của <strong>{current.subjectCommonName}</strong> (USB {current.tokenLabel}). Mã PIN chỉ dùng
            cho lần ký này và không được lưu.
          </p>
        )}
        {chosen?.pinState === 'countLow' && (
          <Alert type="warning" showIcon style={{ marginBottom: 8 }} title="Sắp hết số lần thử" description="Mã PIN đã bị nhập sai trước đó. Hãy kiểm tra kỹ trước khi nhập." />
        )}
        {current?.pinState === 'finalTry' && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 8 }}
            title="Đây là lần thử PIN cuối cùng"
            description="Nếu nhập sai lần này, USB ký số sẽ bị khóa và phải nhờ đơn vị cấp chứng thư số mở khóa. Hãy chắc chắn mã PIN đúng rồi đánh dấu ô xác nhận bên dưới."
            data-testid="pin-final-warning"
          />
        )}
        {current?.pinState === 'locked' && (
          <Alert type="error" showIcon style={{ marginBottom: 8 }} title="USB ký số đã bị khóa" description="Hãy liên hệ đơn vị cấp chứng thư số để mở khóa." data-testid="pin-locked" />
        )}
        <Input.Password
          autoFocus
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          onPressEnter={() => pin && chosen && !sign.isPending && (chosen.pinState !== 'finalTry' || confirmFinalTry) && sign.mutate(pin)}
          placeholder="Mã PIN"
          autoComplete="off"
          disabled={!chosen}
          data-testid="pin-input"
        />
        {chosen?.pinState === 'finalTry' && (
          <Checkbox checked={confirmFinalTry} onChange={(e) => setConfirmFinalTry(e.target.checked)} style={{ marginTop: 8 }} data-testid="pin-final-confirm">
            Tôi hiểu đây là lần thử cuối cùng: nếu sai, USB ký số sẽ bị khóa.
          </Checkbox>
        )}
        {pinError && <Alert type="error" showIcon style={{ marginTop: 8 }} title={pinError} data-testid="pin-error" />}
      </Modal>
    </Modal>
  );
}
