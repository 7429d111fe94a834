/** Document detail: every metadata field, the file list, and the viewer for the chosen file (`files.read`). */
import { CopyOutlined, EyeOutlined, FilePdfOutlined, FileImageOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, List, Spin, Tag } from 'antd';
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import type { LocalFile } from '../../src-shared/contract';
import { FILE_ROLE_LABELS, SECRECY_LABELS, docTypeByCode, formatNumberNotation, isSecret } from '../../src-shared/domain';
import { useApi } from '../lib/api-context';
import { base64ToBytes } from '../lib/files';
import { dateTimeVi, dateVi, errorCode, errorMessage, fileSizeVi } from '../lib/format';
import { useIncomingDetail, useSession } from '../lib/queries';
import { ArrivalNumber, StatusText, SyncStateTag, UrgencyTag } from './DocTags';
import { CopyDialog } from './outgoing/CopyDialog';
import { SignaturePanel } from './SignaturePanel';
import { SignedFileDrawer, type OpenFile } from './SignedFileDrawer';
import { SigningDialog } from './SigningDialog';

// pdf.js is large: load it when a document is first opened, not at startup.
const PdfViewer = lazy(() => import('./PdfViewer').then((m) => ({ default: m.PdfViewer })));

function ImageViewer({ bytes, mime, name }: { bytes: Uint8Array<ArrayBuffer>; mime: string; name: string }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([bytes], { type: mime })), [bytes, mime]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return <img src={url} alt={name} style={{ maxWidth: '100%', border: '1px solid #e3e8f0' }} />;
}

function FileView({ file, documentId }: { file: LocalFile; documentId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const content = useQuery({
    queryKey: ['files.read', file.sha256],
    queryFn: async () => {
      const r = await api.call('files.read', { sha256: file.sha256 });
      // Reading may have fetched the file into this desktop's cache: refresh the file list's flags.
      if (!file.availableLocally) void queryClient.invalidateQueries({ queryKey: ['documents.getIncoming', documentId] });
      return { ...r, bytes: base64ToBytes(r.contentBase64) };
    },
    staleTime: Infinity,
  });
  if (content.isPending) return <Spin description="Đang tải tệp…"><div style={{ height: 160 }} /></Spin>;
  if (content.isError) {
    const offline = errorCode(content.error) === 'FILE_UNAVAILABLE_OFFLINE';
    return (
      <Alert
        type={offline ? 'warning' : 'error'}
        showIcon
        title={offline ? 'Tệp chưa có trên máy này' : `Không mở được tệp ${file.name}`}
        description={
          offline
            ? 'Máy này chưa tải tệp về và hiện không kết nối được máy chủ. Tệp sẽ mở được khi có mạng; bạn vẫn xem được thông tin văn bản ở trên.'
            : errorMessage(content.error)
        }
        action={
          <Button size="small" onClick={() => void content.refetch()}>
            Thử lại
          </Button>
        }
      />
    );
  }
  if (content.data.mime === 'application/pdf') {
    return (
      <Suspense fallback={<Spin description="Đang mở trình xem PDF…"><div style={{ height: 160 }} /></Spin>}>
        <PdfViewer data={content.data.bytes} name={file.name} />
      </Suspense>
    );
  }
  if (content.data.mime.startsWith('image/') && content.data.mime !== 'image/tiff') {
    return <ImageViewer bytes={content.data.bytes} mime={content.data.mime} name={file.name} />;
  }
  return <Alert type="info" showIcon title="Định dạng này chưa xem trực tiếp được trong ứng dụng" description={file.name} />;
}

export function IncomingDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const detail = useIncomingDetail(id);
  const [viewing, setViewing] = useState<string | null>(null);
  const [signingOpen, setSigningOpen] = useState(false);
  const [signedView, setSignedView] = useState<OpenFile | null>(null);
  const [copyOf, setCopyOf] = useState<OpenFile | null>(null);
  const session = useSession().data;
  const doc = detail.data;
  const files = doc?.files ?? [];
  const current = files.find((f) => f.sha256 === viewing) ?? files.find((f) => f.role === 'main') ?? files[0];

  useEffect(() => setViewing(null), [id]);

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={1320}
      title={
        doc
          ? `Văn bản đến số ${doc.arrivalNumber ?? '—'}${doc.provisional ? ' (tạm)' : ''} — ${formatNumberNotation(doc.number, doc.notation) || doc.issuer}`
          : 'Văn bản đến'
      }
      destroyOnHidden
    >
      {detail.isPending && <Spin />}
      {detail.isError && <Alert type="error" showIcon title="Không mở được văn bản" description={errorMessage(detail.error)} />}
      {doc && (
        <>
          {doc.syncState === 'rejected' && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title="Máy chủ đã từ chối văn bản này"
              description={`${doc.rejectReason ?? 'Không rõ lý do'}. Hãy kiểm tra lại thông tin và vào sổ lại, hoặc liên hệ quản trị.`}
            />
          )}
          <div className="detail-layout">
            <div>
              <Descriptions size="small" bordered column={1} styles={{ label: { width: 140, whiteSpace: 'nowrap' } }} data-testid="incoming-detail">
                <Descriptions.Item label="Số đến">
                  <ArrivalNumber item={doc} />
                  {doc.numberChange && (
                    <div className="number-change" data-testid="number-change">
                      Số tạm {doc.numberChange.provisionalNumber} → số chính thức {doc.numberChange.confirmedNumber} (máy chủ cấp lúc{' '}
                      {dateTimeVi(doc.numberChange.changedAt)})
                    </div>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label="Ngày đến">{dateVi(doc.arrivalDate)}</Descriptions.Item>
                <Descriptions.Item label="Số, ký hiệu">{formatNumberNotation(doc.number, doc.notation) || '—'}</Descriptions.Item>
                <Descriptions.Item label="Ngày văn bản">{dateVi(doc.documentDate)}</Descriptions.Item>
                <Descriptions.Item label="Cơ quan ban hành">{doc.issuer}</Descriptions.Item>
                <Descriptions.Item label="Loại văn bản">{docTypeByCode(doc.docType)?.name ?? doc.docType}</Descriptions.Item>
                <Descriptions.Item label="Trích yếu">{doc.subject}</Descriptions.Item>
                <Descriptions.Item label="Độ khẩn"><UrgencyTag urgency={doc.urgency} /></Descriptions.Item>
                <Descriptions.Item label="Độ mật">{isSecret(doc.secrecy) ? <Tag color="magenta">{SECRECY_LABELS[doc.secrecy]}</Tag> : 'Không mật'}</Descriptions.Item>
                <Descriptions.Item label="Hạn xử lý">{dateVi(doc.dueDate)}</Descriptions.Item>
                <Descriptions.Item label="Trạng thái"><StatusText status={doc.status} /></Descriptions.Item>
                <Descriptions.Item label="Số trang">{doc.pageCount ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="Nơi nhận">{doc.recipients || '—'}</Descriptions.Item>
                <Descriptions.Item label="Ghi chú">{doc.note || '—'}</Descriptions.Item>
                <Descriptions.Item label="Vào sổ lúc">{dateTimeVi(doc.createdAt)}</Descriptions.Item>
                <Descriptions.Item label="Đồng bộ"><SyncStateTag item={doc} /></Descriptions.Item>
              </Descriptions>
              <h3 style={{ margin: '16px 0 8px', fontSize: 15, display: 'flex', alignItems: 'center', gap: 8 }}>
                Tệp văn bản
                {!isSecret(doc.secrecy) && files.some((f) => f.mime === 'application/pdf') && (
                  <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => setSigningOpen(true)} data-testid="detail-sign">
                    Ký số
                  </Button>
                )}
                {!isSecret(doc.secrecy) && current?.mime === 'application/pdf' && (
                  <Button size="small" icon={<CopyOutlined />} onClick={() => setCopyOf({ sha256: current.sha256, name: current.name })} title="Bản sao điện tử: SAO Y, SAO LỤC, TRÍCH SAO">
                    Tạo bản sao
                  </Button>
                )}
              </h3>
              {isSecret(doc.secrecy) ? (
                <Alert type="info" showIcon title="Văn bản mật chỉ vào sổ thông tin, không lưu tệp trên hệ thống." />
              ) : files.length === 0 ? (
                <Alert type="info" showIcon title="Văn bản chưa có tệp." />
              ) : (
                <List
                  size="small"
                  bordered
                  dataSource={files}
                  renderItem={(f) => (
                    <List.Item
                      actions={[
                        <Button key="view" size="small" icon={<EyeOutlined />} type={current?.id === f.id ? 'primary' : 'default'} onClick={() => setViewing(f.sha256)}>
                          Xem
                        </Button>,
                      ]}
                    >
                      <List.Item.Meta
                        avatar={f.mime === 'application/pdf' ? <FilePdfOutlined style={{ color: '#cf1322', fontSize: 20 }} /> : <FileImageOutlined style={{ fontSize: 20 }} />}
                        title={f.name}
                        description={[
                          FILE_ROLE_LABELS[f.role],
                          fileSizeVi(f.size),
                          f.pageCount != null ? `${f.pageCount} trang` : null,
                          f.uploadPending ? 'chờ gửi lên máy chủ' : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      />
                    </List.Item>
                  )}
                />
              )}
            </div>
            <div className="viewer-pane">
              {current && !isSecret(doc.secrecy) ? (
                <>
                  <FileView key={current.sha256} file={current} documentId={doc.id} />
                  {current.mime === 'application/pdf' && <SignaturePanel key={`sig-${current.sha256}`} sha256={current.sha256} />}
                </>
              ) : (
                <Alert type="info" showIcon title="Không có tệp để xem." />
              )}
            </div>
          </div>
          <SigningDialog
            open={signingOpen}
            title={`Ký số — văn bản đến số ${doc.arrivalNumber ?? '—'}`}
            files={files.filter((f) => f.mime === 'application/pdf').map((f) => ({ sha256: f.sha256, name: f.name }))}
            onClose={() => setSigningOpen(false)}
            onOpenSigned={setSignedView}
          />
          <SignedFileDrawer file={signedView} onClose={() => setSignedView(null)} />
          <CopyDialog
            file={copyOf}
            organization={session?.state === 'signedIn' ? session.organization.name : ''}
            onClose={() => setCopyOf(null)}
            onMade={(copy) => {
              setCopyOf(null);
              setSignedView(copy);
            }}
          />
        </>
      )}
    </Drawer>
  );
}
