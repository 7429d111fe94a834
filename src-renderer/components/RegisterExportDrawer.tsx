/**
 * Sổ đăng ký văn bản đến as a document (ND30 appendix IV): the clerk picks an arrival-date range and gets a PDF to
 * print (previewed here) or an Excel file. The core builds the file; the page saves it through a Blob URL, which
 * works the same in the browser host and in Electron.
 */
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Drawer, Select, Space, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { Suspense, lazy, useState } from 'react';
import { REGISTER_KIND_LABELS, todayInVietnam } from '../../src-shared/domain';
import { useApi } from '../lib/api-context';
import { base64ToBytes } from '../lib/files';
import { errorMessage } from '../lib/format';

const PdfViewer = lazy(() => import('./PdfViewer').then((m) => ({ default: m.PdfViewer })));

type Kind = 'incoming' | 'incomingSecret';
type Exported = { fileName: string; bytes: Uint8Array<ArrayBuffer>; mime: string };

/** Saves bytes under the given name: an <a download> on a Blob URL, revoked once the click has been handled. */
export function saveFile(file: Exported): void {
  const url = URL.createObjectURL(new Blob([file.bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function RegisterExportDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const api = useApi();
  const today = dayjs(todayInVietnam());
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('month'), today]);
  const [kind, setKind] = useState<Kind>('incoming');
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Exported | null>(null);

  const run = async (format: 'pdf' | 'xlsx') => {
    setBusy(format);
    setError(null);
    try {
      const res = await api.call('registers.exportIncoming', {
        from: range[0].format('YYYY-MM-DD'),
        to: range[1].format('YYYY-MM-DD'),
        format,
        registerKind: kind,
      });
      const file = { fileName: res.fileName, mime: res.mime, bytes: base64ToBytes(res.contentBase64) };
      saveFile(file);
      if (format === 'pdf') setPreview(file);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer title="In sổ / Xuất Excel sổ đăng ký văn bản đến" open={open} onClose={onClose} size={preview ? 1100 : 640}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        Sổ gồm đủ 10 cột theo Phụ lục IV Nghị định 30/2020/NĐ-CP, lọc theo ngày đến. Tệp được lưu vào thư mục tải về của máy.
      </Typography.Paragraph>
      <Space wrap>
        <DatePicker.RangePicker
          aria-label="Khoảng ngày đến cần in sổ"
          format={['DD/MM/YYYY', 'D/M/YYYY', 'DDMMYYYY']}
          allowClear={false}
          value={range}
          onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])}
        />
        <Select<Kind>
          aria-label="Sổ cần in"
          style={{ width: 190 }}
          value={kind}
          onChange={setKind}
          options={(['incoming', 'incomingSecret'] as const).map((k) => ({ value: k, label: REGISTER_KIND_LABELS[k] }))}
        />
        <Button type="primary" icon={<PrinterOutlined />} loading={busy === 'pdf'} disabled={busy !== null} onClick={() => void run('pdf')}>
          In sổ (PDF)
        </Button>
        <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} disabled={busy !== null} onClick={() => void run('xlsx')}>
          Xuất Excel
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title="Chưa xuất được sổ" description={error} style={{ marginTop: 12 }} />}
      {preview && (
        <div style={{ marginTop: 16 }} data-testid="register-preview">
          <Typography.Text type="secondary">
            Đã lưu <strong>{preview.fileName}</strong>. Xem trước:
          </Typography.Text>
          <Suspense fallback={<Spin />}>
            <PdfViewer data={preview.bytes} name={preview.fileName} />
          </Suspense>
        </div>
      )}
    </Drawer>
  );
}
