/**
 * Nhận gói edXML (QCVN 102): the clerk picks a package from another agency. A document is previewed (sender, number,
 * subject, signer, attachments) and registered as incoming in one step, and its status message (01 đã đến, 03 tiếp
 * nhận, 02 từ chối) is produced for the sender; a status message answering one of ours updates that recipient.
 */
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Modal, Space, Upload } from 'antd';
import { useEffect, useState } from 'react';
import type { EdxmlImport } from '../../../src-shared/contract';
import { DOC_TYPES, parseNumberNotation, todayInVietnam, type Urgency } from '../../../src-shared/domain';
import { useApi } from '../../lib/api-context';
import { base64ToBytes, fileToBase64 } from '../../lib/files';
import { dateVi, errorMessage, fileSizeVi } from '../../lib/format';
import { saveFile } from '../RegisterExportDrawer';

type DocumentPackage = Extract<EdxmlImport, { kind: 'document' }>;

const PRIORITY_URGENCY: Urgency[] = ['normal', 'urgent', 'veryUrgent', 'flash', 'flash'];
const BUSINESS = ['Văn bản mới', 'Thu hồi văn bản', 'Cập nhật văn bản', 'Thay thế văn bản'];
const STATUS_NAMES: Record<string, string> = { '01': 'Đã đến', '02': 'Từ chối', '03': 'Đã tiếp nhận', '04': 'Đã phân công', '05': 'Đang xử lý', '06': 'Hoàn thành' };

/** The incoming registration a package maps to (issuer, number, type recognised from the symbol or the type name). */
export function incomingFromPackage(p: DocumentPackage) {
  const parsed = parseNumberNotation(`${p.codeNumber}/${p.codeNotation}`);
  const byName = DOC_TYPES.find((t) => t.name.toLowerCase() === p.typeName.trim().toLowerCase());
  return {
    issuer: p.from.organName,
    number: /^\d{1,11}$/.test(p.codeNumber) ? p.codeNumber : null,
    notation: p.codeNotation,
    documentDate: p.issuedDate ?? todayInVietnam(),
    docType: (parsed.ok ? parsed.docType?.code : undefined) ?? byName?.code ?? 'CV',
    subject: p.subject,
    urgency: PRIORITY_URGENCY[p.priority] ?? 'normal',
    secrecy: 'none' as const,
    dueDate: p.dueDate,
    recipients: '',
    note: p.businessType ? `${BUSINESS[p.businessType] ?? ''}: ${p.businessReason}`.trim() : '',
    files: p.files.map((f, i) => ({ sha256: f.sha256, name: f.name, role: i === 0 ? ('main' as const) : ('appendix' as const) })),
  };
}

export function EdxmlImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { notification } = App.useApp();
  const [result, setResult] = useState<EdxmlImport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [registered, setRegistered] = useState<number | null>(null);
  useEffect(() => {
    if (open) {
      setResult(null);
      setError(null);
      setRegistered(null);
    }
  }, [open]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const answer = (p: DocumentPackage, statusCode: string) =>
    run(async () => {
      const f = await api.call('edxml.statusMessage', { documentId: p.documentId, to: p.from, statusCode, description: STATUS_NAMES[statusCode] ?? '' });
      saveFile({ fileName: f.fileName, mime: f.mime, bytes: base64ToBytes(f.contentBase64) });
      notification.success({ title: `Đã tạo thông điệp trạng thái ${statusCode} — ${STATUS_NAMES[statusCode]}`, description: `Gửi tệp ${f.fileName} cho ${p.from.organName}.`, placement: 'bottomRight' });
    });

  return (
    <Modal open={open} onCancel={onClose} title="Nhận gói edXML từ cơ quan khác" footer={null} width={820} destroyOnHidden>
      <div data-testid="edxml-import-drop">
      <Upload.Dragger
        accept=".edxml,.xml,application/xml,text/xml"
        showUploadList={false}
        beforeUpload={(file) => {
          void run(async () => {
            setRegistered(null);
            setResult(await api.call('edxml.import', { contentBase64: await fileToBase64(file) }));
          });
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">Kéo thả hoặc bấm để chọn tệp edXML (.edxml, .xml)</p>
      </Upload.Dragger>
      </div>
      {error && <Alert type="error" showIcon title="Không đọc được gói edXML" description={error} style={{ marginTop: 12 }} />}
      {result?.kind === 'status' && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="edxml-status"
          title={`Thông điệp trạng thái ${result.statusCode} — ${STATUS_NAMES[result.statusCode] ?? result.description} từ ${result.from.organName}`}
          description={result.recipientId ? 'Đã cập nhật tình trạng của nơi nhận này trong văn bản đi tương ứng.' : `Không tìm thấy văn bản đi ${result.documentId} trên máy này.`}
        />
      )}
      {result?.kind === 'document' && (
        <div style={{ marginTop: 12 }} data-testid="edxml-document">
          {result.businessType !== 0 && (
            <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`${BUSINESS[result.businessType] ?? 'Nghiệp vụ'}${result.businessReason ? `: ${result.businessReason}` : ''}`} />
          )}
          <Descriptions size="small" bordered column={1} styles={{ label: { width: 150 } }}>
            <Descriptions.Item label="Cơ quan gửi">
              {result.from.organName} ({result.from.organId})
            </Descriptions.Item>
            <Descriptions.Item label="Số, ký hiệu">
              <strong data-testid="edxml-number">
                {result.codeNumber}/{result.codeNotation}
              </strong>
            </Descriptions.Item>
            <Descriptions.Item label="Ngày ban hành">{result.place ? `${result.place}, ` : ''}{dateVi(result.issuedDate)}</Descriptions.Item>
            <Descriptions.Item label="Loại văn bản">{result.typeName}</Descriptions.Item>
            <Descriptions.Item label="Trích yếu">
              <span data-testid="edxml-subject">{result.subject}</span>
            </Descriptions.Item>
            <Descriptions.Item label="Người ký">
              {result.signerName}
              {result.signerPosition ? ` (${result.signerPosition})` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="Tệp đính kèm">
              <div data-testid="edxml-files">
                {result.files.map((f) => (
                  <div key={f.sha256} data-sha256={f.sha256}>
                    {f.name} · {fileSizeVi(f.size)}
                  </div>
                ))}
              </div>
            </Descriptions.Item>
          </Descriptions>
          {registered !== null ? (
            <Alert type="success" showIcon style={{ marginTop: 12 }} data-testid="edxml-registered" title={`Đã vào sổ văn bản đến, số đến ${registered}`} />
          ) : null}
          <Space wrap style={{ marginTop: 12 }}>
            <Button
              type="primary"
              loading={busy}
              disabled={registered !== null}
              data-testid="edxml-register"
              onClick={() =>
                void run(async () => {
                  const res = await api.call('documents.registerIncoming', { ...incomingFromPackage(result), acknowledgeDuplicate: false });
                  setRegistered(res.arrivalNumber);
                  void queryClient.invalidateQueries({ queryKey: ['documents.listIncoming'] });
                })
              }
            >
              Vào sổ văn bản đến
            </Button>
            <Button disabled={busy} onClick={() => void answer(result, '01')}>
              Báo “Đã đến” (01)
            </Button>
            <Button disabled={busy} onClick={() => void answer(result, '03')}>
              Báo “Đã tiếp nhận” (03)
            </Button>
            <Button danger disabled={busy} onClick={() => void answer(result, '02')}>
              Từ chối (02)
            </Button>
          </Space>
        </div>
      )}
    </Modal>
  );
}
