/**
 * Báo cáo (leaders): for a period, the on-time and overdue rates per unit and per person as bar charts with the exact
 * figures below, the share of staff who used the system each working day, and the files to print or keep — the
 * handling report (PDF with charts / Excel) and the sổ theo dõi giải quyết văn bản đến (PDF / Excel).
 */
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { Suspense, lazy, useState } from 'react';
import type { HandlingStatsRowView } from '../../../src-shared/contract';
import { todayInVietnam } from '../../../src-shared/domain';
import { saveFile } from '../../components/RegisterExportDrawer';
import { BarChart } from '../../components/routing/BarChart';
import { useApi } from '../../lib/api-context';
import { base64ToBytes } from '../../lib/files';
import { dateVi, errorMessage } from '../../lib/format';

const PdfViewer = lazy(() => import('../../components/PdfViewer').then((m) => ({ default: m.PdfViewer })));

type Exported = { fileName: string; mime: string; bytes: Uint8Array<ArrayBuffer> };
const RATE_SERIES = [
  { name: 'Đúng hạn', color: '#389e0d' },
  { name: 'Quá hạn', color: '#cf1322' },
];
const pct = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`);

const statsColumns = (first: string): ColumnsType<HandlingStatsRowView> => [
  { title: first, dataIndex: 'name' },
  { title: 'Tổng số', dataIndex: 'total', width: 80, align: 'right' },
  { title: 'Đúng hạn', dataIndex: 'onTime', width: 84, align: 'right' },
  { title: 'Trễ hạn (đã xong)', dataIndex: 'late', width: 100, align: 'right' },
  { title: 'Quá hạn chưa xong', dataIndex: 'overdueOpen', width: 100, align: 'right' },
  { title: 'Đang trong hạn', dataIndex: 'inTime', width: 90, align: 'right' },
  { title: 'Tỷ lệ đúng hạn', key: 'r1', width: 96, align: 'right', render: (_, r) => pct(r.onTimeRate) },
  { title: 'Tỷ lệ quá hạn', key: 'r2', width: 96, align: 'right', render: (_, r) => <span className={(r.overdueRate ?? 0) > 0 ? 'deadline-overdue' : undefined}>{pct(r.overdueRate)}</span> },
];

const rateItems = (rows: HandlingStatsRowView[]) => rows.filter((r) => r.onTimeRate !== null).map((r) => ({ label: r.name, values: [r.onTimeRate ?? 0, r.overdueRate ?? 0] }));

export function ReportsScreen() {
  const api = useApi();
  const today = dayjs(todayInVietnam());
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('month'), today.endOf('month')]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const stats = useQuery({ queryKey: ['reports.handlingStats', from, to], queryFn: () => api.call('reports.handlingStats', { from, to }) });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Exported | null>(null);

  const run = async (method: 'reports.handlingRegister' | 'reports.exportHandlingStats', format: 'pdf' | 'xlsx') => {
    setBusy(`${method}-${format}`);
    setError(null);
    try {
      const res = await api.call(method, { from, to, format });
      const file = { fileName: res.fileName, mime: res.mime, bytes: base64ToBytes(res.contentBase64) };
      saveFile(file);
      setPreview(format === 'pdf' ? file : null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const s = stats.data;
  const exportButtons = (method: 'reports.handlingRegister' | 'reports.exportHandlingStats', label: string) => (
    <Space.Compact>
      <Button icon={<PrinterOutlined />} loading={busy === `${method}-pdf`} disabled={busy !== null} onClick={() => void run(method, 'pdf')}>
        {label} (PDF)
      </Button>
      <Button icon={<FileExcelOutlined />} loading={busy === `${method}-xlsx`} disabled={busy !== null} onClick={() => void run(method, 'xlsx')} aria-label={`${label} (Excel)`}>
        Excel
      </Button>
    </Space.Compact>
  );

  return (
    <div className="page">
      <div className="page-toolbar">
        <h2>Báo cáo tình hình xử lý</h2>
        <DatePicker.RangePicker
          aria-label="Kỳ báo cáo"
          format={['DD/MM/YYYY', 'D/M/YYYY', 'DDMMYYYY']}
          allowClear={false}
          value={range}
          onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])}
        />
        {exportButtons('reports.exportHandlingStats', 'In báo cáo')}
        {exportButtons('reports.handlingRegister', 'Sổ theo dõi giải quyết')}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        Tính theo văn bản và nhiệm vụ có hạn xử lý từ {dateVi(from)} đến {dateVi(to)}, chỉ tính người (đơn vị) xử lý chính; tỷ lệ tính trên số việc đã đến hạn.
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title="Chưa xuất được tệp" description={error} style={{ marginBottom: 12 }} />}
      {stats.isError && <Alert type="error" showIcon title="Không tính được số liệu" description={errorMessage(stats.error)} style={{ marginBottom: 12 }} />}
      {stats.isPending && <Spin />}
      {s && (
        <div className="report-grid" data-testid="handling-report">
          <Card size="small" title="Theo đơn vị">
            <BarChart title="Tỷ lệ đúng hạn, quá hạn" items={rateItems(s.byUnit)} series={RATE_SERIES} percent testId="chart-units" />
            <Table size="small" bordered rowKey="key" dataSource={s.byUnit} columns={statsColumns('Đơn vị')} pagination={false} locale={{ emptyText: 'Không có việc nào có hạn trong kỳ.' }} />
          </Card>
          <Card size="small" title="Theo cá nhân">
            <BarChart title="Tỷ lệ đúng hạn, quá hạn" items={rateItems(s.byPerson)} series={RATE_SERIES} percent testId="chart-people" />
            <Table size="small" bordered rowKey="key" dataSource={s.byPerson} columns={statsColumns('Cán bộ')} pagination={false} locale={{ emptyText: 'Không có việc nào giao cho cá nhân có hạn trong kỳ.' }} />
          </Card>
          <Card size="small" title="Tỷ lệ cán bộ sử dụng hệ thống theo ngày làm việc">
            {s.usageProblem ? (
              <Alert type="info" showIcon title={s.usageProblem} />
            ) : (
              <BarChart
                title="Tỷ lệ cán bộ có sử dụng"
                items={s.usage.map((u) => ({ label: `${dateVi(u.day)} (${u.activeUsers}/${u.staffTotal})`, values: [u.rate] }))}
                series={[{ name: 'Có sử dụng', color: '#1d4f91' }]}
                percent
                testId="chart-usage"
              />
            )}
          </Card>
        </div>
      )}
      {preview && (
        <Card size="small" title={`Đã lưu ${preview.fileName} — xem trước`} style={{ marginTop: 12 }} data-testid="report-preview">
          <Suspense fallback={<Spin />}>
            <PdfViewer data={preview.bytes} name={preview.fileName} />
          </Suspense>
        </Card>
      )}
    </div>
  );
}
