/**
 * An issued document (văn bản đi) as the clerk works on it: while offline it waits for its number; then number, date
 * and the organization's seal are written into the PDF with the token; then it is sent (internal, edXML, e-mail,
 * paper). Also: electronic copies, revocation, replacement. The issued (or signed) PDF is on the right.
 */
import { CopyOutlined, SafetyCertificateOutlined, SendOutlined, StopOutlined, SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Input, List, Modal, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { DispatchResult, OutgoingDetail } from '../../../src-shared/contract';
import { docTypeByCode } from '../../../src-shared/domain';
import { useApi } from '../../lib/api-context';
import { base64ToBytes } from '../../lib/files';
import { dateVi, errorMessage } from '../../lib/format';
import { useIssuedDetail } from '../../lib/outgoing-queries';
import { saveFile } from '../RegisterExportDrawer';
import { SignedFileDrawer, type OpenFile } from '../SignedFileDrawer';
import { CopyDialog } from './CopyDialog';
import { FilePane } from './FilePane';
import { IssuedStageTag, issuedStageOf } from './OutgoingTags';
import { RecipientsTable } from './RecipientsTable';
import { TokenSignDialog } from './TokenSignDialog';
import './outgoing.css';

type Props = {
  id: string | null;
  organizationName: string;
  onClose: () => void;
  /** Start issuing a replacement for this document (the clerk picks the signed draft that replaces it). */
  onReplace?: (doc: OutgoingDetail) => void;
};

function saveB64(f: { fileName: string; mime: string; contentBase64: string }) {
  saveFile({ fileName: f.fileName, mime: f.mime, bytes: base64ToBytes(f.contentBase64) });
}

export function OutgoingDetailDrawer({ id, organizationName, onClose, onReplace }: Props) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  // Keep showing the document while the drawer slides away (id is already null then).
  const [shownId, setShownId] = useState(id);
  useEffect(() => {
    if (id) setShownId(id);
  }, [id]);
  const detail = useIssuedDetail(shownId);
  const d = detail.data;
  const [sealOpen, setSealOpen] = useState(false);
  const [copyOf, setCopyOf] = useState<OpenFile | null>(null);
  const [viewing, setViewing] = useState<OpenFile | null>(null);
  const [revokeOpen, setRevokeOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<DispatchResult[]>([]);

  const refresh = () => {
    for (const key of ['outgoing.getIssued', 'outgoing.listIssued', 'outgoing.listPostal', 'outgoing.listDrafts']) void queryClient.invalidateQueries({ queryKey: [key] });
  };
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const stage = d ? issuedStageOf(d) : null;
  const pdf = d ? (d.issuedPdf ?? d.signedPdf) : null;

  const dispatch = () =>
    act(async () => {
      if (!d) return;
      const res = await api.call('outgoing.dispatch', { outgoingId: d.id, addRecipients: [] });
      setResults(res.results);
      for (const r of res.results) if (r.edxml) saveB64(r.edxml);
      const failed = res.results.filter((r) => !r.ok).length;
      notification[failed ? 'warning' : 'success']({
        title: failed ? `Đã gửi, ${failed} nơi nhận chưa gửi được` : `Đã gửi ${d.numberNotation} tới ${res.results.length} nơi nhận`,
        description: failed ? 'Xem từng nơi nhận bên dưới và gửi lại khi đã khắc phục.' : undefined,
        placement: 'bottomRight',
      });
    });

  return (
    <Drawer open={id !== null} onClose={onClose} size={1320} title={d ? `Văn bản đi ${d.numberNotation} — ${d.subject}` : 'Văn bản đi'} destroyOnHidden>
      {detail.isPending && <Spin />}
      {detail.isError && <Alert type="error" showIcon title="Không mở được văn bản đi" description={errorMessage(detail.error)} />}
      {d && stage && (
        <div className="detail-layout" data-testid="outgoing-detail">
          <div>
            {stage === 'waitingNumber' && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="outgoing-waiting-number"
                title="Đang chờ máy chủ cấp số"
                description={`Máy này chưa gửi được yêu cầu phát hành lên máy chủ (mất kết nối). Số ${d.numberNotation} hiển thị là số tạm; số chính thức được cấp tự động khi có mạng trở lại. Sau đó mới ghi số và đóng dấu số được.`}
              />
            )}
            {stage === 'toSeal' && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title={`Đã cấp số ${d.numberNotation}. Bước tiếp theo: ghi số, ngày vào văn bản và đóng dấu số.`}
                action={
                  <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => setSealOpen(true)} data-testid="outgoing-seal">
                    Ghi số và đóng dấu số
                  </Button>
                }
              />
            )}
            {d.status !== 'issued' && (
              <Alert type="error" showIcon style={{ marginBottom: 12 }} title={d.status === 'revoked' ? 'Văn bản đã bị thu hồi' : 'Văn bản đã bị thay thế'} description={d.revokeReason ?? undefined} />
            )}
            <Space wrap style={{ marginBottom: 12 }}>
              <IssuedStageTag stage={stage} />
              {stage === 'toDispatch' || stage === 'dispatched' ? (
                <Button type={stage === 'toDispatch' ? 'primary' : 'default'} icon={<SendOutlined />} loading={busy} onClick={() => void dispatch()} data-testid="outgoing-dispatch">
                  {stage === 'toDispatch' ? 'Gửi đi' : 'Gửi lại nơi chưa nhận'}
                </Button>
              ) : null}
              {pdf && (
                <Button icon={<CopyOutlined />} onClick={() => setCopyOf({ sha256: pdf.sha256, name: pdf.name })} data-testid="outgoing-copy">
                  Tạo bản sao
                </Button>
              )}
              {d.status === 'issued' && stage !== 'waitingNumber' && (
                <>
                  <Button danger icon={<StopOutlined />} onClick={() => setRevokeOpen(true)}>
                    Thu hồi
                  </Button>
                  {onReplace && (
                    <Button icon={<SwapOutlined />} onClick={() => onReplace(d)}>
                      Thay thế
                    </Button>
                  )}
                </>
              )}
            </Space>
            {error && <Alert type="error" showIcon closable style={{ marginBottom: 12 }} title={error} onClose={() => setError(null)} />}
            <Descriptions size="small" bordered column={1} styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label="Số, ký hiệu">
                <strong data-testid="outgoing-number">{d.numberNotation}</strong>
              </Descriptions.Item>
              <Descriptions.Item label="Ngày ban hành">{dateVi(d.issuedDate)}</Descriptions.Item>
              <Descriptions.Item label="Tên loại, trích yếu">
                {docTypeByCode(d.docType)?.name ?? d.docType} — {d.subject}
              </Descriptions.Item>
              <Descriptions.Item label="Người ký">
                {d.signerName}
                {d.signerPosition ? ` (${d.signerPosition})` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="Nơi nhận">{d.recipientsText || '—'}</Descriptions.Item>
              <Descriptions.Item label="Đơn vị lưu">{d.keptBy || '—'}</Descriptions.Item>
              <Descriptions.Item label="Số lượng bản">{d.issuedAmount}</Descriptions.Item>
              {d.note ? <Descriptions.Item label="Ghi chú">{d.note}</Descriptions.Item> : null}
            </Descriptions>
            <h3 className="section-title">Nơi nhận và tình trạng gửi</h3>
            <RecipientsTable
              detail={d}
              busy={busy}
              onPostal={(r, envelopes) =>
                void act(async () => {
                  await api.call('outgoing.addPostal', { outgoingId: d.id, recipientName: r.name, envelopes, note: r.address ?? '' });
                  notification.success({ title: 'Đã vào sổ chuyển giao qua bưu chính', description: r.name, placement: 'bottomRight' });
                })
              }
              onEdxml={(r) =>
                void act(async () => {
                  const f = await api.call('edxml.export', { outgoingId: d.id, to: [{ organId: r.organId ?? '', organName: r.name }] });
                  saveB64(f);
                })
              }
            />
            {results.length > 0 && (
              <List
                size="small"
                style={{ marginTop: 8 }}
                data-testid="dispatch-results"
                dataSource={results}
                renderItem={(r) => (
                  <List.Item style={{ color: r.ok ? undefined : '#cf1322' }}>
                    {r.name}: {r.message}
                    {r.edxml && (
                      <Button size="small" type="link" onClick={() => saveB64(r.edxml!)}>
                        Tải lại gói edXML
                      </Button>
                    )}
                  </List.Item>
                )}
              />
            )}
          </div>
          <div className="viewer-pane">
            {d.issuedAttachments.length > 0 && (
              <Space wrap style={{ marginBottom: 8 }}>
                {d.issuedAttachments.map((f) => (
                  <Button key={f.sha256} size="small" onClick={() => setViewing({ sha256: f.sha256, name: f.name })}>
                    Phụ lục: {f.name}
                  </Button>
                ))}
              </Space>
            )}
            <FilePane file={pdf ? { sha256: pdf.sha256, name: pdf.name, mime: pdf.mime } : null} />
          </div>
          <TokenSignDialog
            signer="organization"
            open={sealOpen}
            title="Ghi số, ngày và đóng dấu số (chữ ký số của cơ quan)"
            summary={
              <p style={{ marginTop: 0 }}>
                Ghi <strong>Số: {d.numberNotation}</strong> và ngày <strong>{dateVi(d.issuedDate)}</strong> vào văn bản, đóng dấu số của cơ quan
                {d.issuedAttachments.length || d.signedPdf ? ' và ký số các phụ lục kèm theo' : ''}. Chữ ký của lãnh đạo vẫn giữ nguyên hiệu lực.
              </p>
            }
            imageLabel="Chọn ảnh con dấu (PNG)"
            okText="Đóng dấu số"
            onClose={() => setSealOpen(false)}
            sign={async (req) => {
              await api.call('outgoing.finishIssuance', {
                outgoingId: d.id,
                certificateId: req.certificateId,
                pin: req.pin,
                confirmFinalTry: req.confirmFinalTry,
                ...(req.imageBase64 ? { sealImageBase64: req.imageBase64 } : {}),
              });
              setSealOpen(false);
              refresh();
              notification.success({ title: `Đã đóng dấu số ${d.numberNotation}`, description: 'Văn bản đã sẵn sàng để gửi đi.', placement: 'bottomRight' });
            }}
          />
          <CopyDialog file={copyOf} organization={organizationName} onClose={() => setCopyOf(null)} onMade={(copy) => { setCopyOf(null); setViewing(copy); }} />
          <SignedFileDrawer file={viewing} onClose={() => setViewing(null)} />
          <Modal
            open={revokeOpen}
            title={`Thu hồi văn bản ${d.numberNotation}`}
            okText="Thu hồi"
            okButtonProps={{ danger: true, disabled: !reason.trim(), loading: busy }}
            cancelText="Hủy"
            onCancel={() => setRevokeOpen(false)}
            onOk={() =>
              void act(async () => {
                await api.call('outgoing.revoke', { outgoingId: d.id, reason: reason.trim() });
                setRevokeOpen(false);
                notification.success({ title: `Đã thu hồi ${d.numberNotation}`, description: 'Nơi nhận nội bộ thấy văn bản bị thu hồi; cơ quan khác nhận thông báo thu hồi qua edXML.', placement: 'bottomRight' });
              })
            }
          >
            <p>Văn bản bị thu hồi được giữ nguyên trong sổ văn bản đi, ghi rõ đã thu hồi. Nơi nhận được thông báo.</p>
            <Input.TextArea aria-label="Lý do thu hồi" placeholder="Lý do thu hồi (bắt buộc)" autoSize={{ minRows: 2 }} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Modal>
        </div>
      )}
    </Drawer>
  );
}
