/**
 * Date range + "In sổ (PDF)" / "Xuất Excel" for an outgoing-side register. The core builds the file; it is saved
 * through a Blob URL like the incoming register, and the PDF is previewed below the bar.
 */
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Space, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { Suspense, lazy, useState } from 'react';
import { todayInVietnam } from '../../../src-shared/domain';
import { base64ToBytes } from '../../lib/files';
import { errorMessage } from '../../lib/format';
import { saveFile } from '../RegisterExportDrawer';

const PdfViewer = lazy(() => import('../PdfViewer').then((m) => ({ default: m.PdfViewer })));

type Exported = { fileName: string; mime: string; bytes: Uint8Array<ArrayBuffer> };
export type RegisterExporter = (p: { from: string; to: string; format: 'pdf' | 'xlsx' }) => Promise<{ fileName: string; mime: string; contentBase64: string }>;

export function RegisterExportBar({ label, exporter, testId }: { label: string; exporter: RegisterExporter; testId: string }) {
  const today = dayjs(todayInVietnam());
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('year'), today]);
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Exported | null>(null);

  const run = async (format: 'pdf' | 'xlsx') => {
    setBusy(format);
    setError(null);
    try {
      const res = await exporter({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), format });
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
    <div data-testid={testId}>
      <Space wrap>
        <DatePicker.RangePicker
          aria-label={`Khoảng ngày cần in ${label.toLowerCase()}`}
          format={['DD/MM/YYYY', 'D/M/YYYY', 'DDMMYYYY']}
          allowClear={false}
          value={range}
          onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])}
        />
        <Button type="primary" icon={<PrinterOutlined />} loading={busy === 'pdf'} disabled={busy !== null} onClick={() => void run('pdf')}>
          In {label.toLowerCase()} (PDF)
        </Button>
        <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} disabled={busy !== null} onClick={() => void run('xlsx')}>
          Xuất Excel
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={`Chưa xuất được ${label.toLowerCase()}`} description={error} style={{ marginTop: 12 }} />}
      {preview && (
        <div style={{ marginTop: 12 }} data-testid={`${testId}-preview`}>
          <Typography.Text type="secondary">
            Đã lưu <strong>{preview.fileName}</strong>. Xem trước:
          </Typography.Text>
          <Suspense fallback={<Spin />}>
            <PdfViewer data={preview.bytes} name={preview.fileName} />
          </Suspense>
        </div>
      )}
    </div>
  );
}
