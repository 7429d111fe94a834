/** Văn bản đến: the incoming list with search, the registration drawer (clerks) and the detail drawer. */
import { PlusOutlined, PrinterOutlined, ReloadOutlined, ScanOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useDeferredValue, useEffect, useState } from 'react';
import type { IncomingListItem, Session, StagedFile } from '../../src-shared/contract';
import { formatNumberNotation, todayInVietnam } from '../../src-shared/domain';
import { ArrivalNumber, SecrecyTag, StatusText, SyncStateTag, UrgencyTag } from '../components/DocTags';
import { IncomingDetailDrawer } from '../components/IncomingDetailDrawer';
import { IncomingFilters, hasActiveFilters, type IncomingFilterValues } from '../components/IncomingFilters';
import { RegisterExportDrawer } from '../components/RegisterExportDrawer';
import { RegisterIncomingDrawer } from '../components/RegisterIncomingDrawer';
import { ScanFolderPanel } from '../components/ScanFolderPanel';
import { dateVi, errorMessage } from '../lib/format';
import { useIncomingList } from '../lib/queries';

type SignedIn = Extract<Session, { state: 'signedIn' }>;

const PAGE_SIZE = 50;

function dueCell(due: string | null) {
  if (!due) return <span style={{ color: '#8c8c8c' }}>—</span>;
  const overdue = due < todayInVietnam();
  return overdue ? (
    <Tooltip title="Đã quá hạn xử lý">
      <span style={{ color: '#cf1322', fontWeight: 600 }}>{dateVi(due)}</span>
    </Tooltip>
  ) : (
    <span>{dateVi(due)}</span>
  );
}

const columns: ColumnsType<IncomingListItem> = [
  { title: 'Số đến', key: 'arrivalNumber', width: 90, align: 'right', render: (_, r) => <ArrivalNumber item={r} /> },
  { title: 'Ngày đến', dataIndex: 'arrivalDate', width: 96, render: (v: string) => dateVi(v) },
  {
    title: 'Số, ký hiệu',
    key: 'notation',
    width: 140,
    render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatNumberNotation(r.number, r.notation) || '—'}</span>,
  },
  { title: 'Cơ quan ban hành', dataIndex: 'issuer', width: 190, ellipsis: { showTitle: true } },
  {
    title: 'Trích yếu',
    key: 'subject',
    render: (_, r) => (
      <span className="subject-cell" title={r.subject}>
        <SecrecyTag secrecy={r.secrecy} />
        {r.subject}
      </span>
    ),
  },
  { title: 'Độ khẩn', dataIndex: 'urgency', width: 100, render: (v: IncomingListItem['urgency']) => <UrgencyTag urgency={v} /> },
  { title: 'Hạn xử lý', dataIndex: 'dueDate', width: 96, render: (v: string | null) => dueCell(v) },
  { title: 'Trạng thái', dataIndex: 'status', width: 104, render: (v: IncomingListItem['status']) => <StatusText status={v} /> },
  { title: 'Đồng bộ', key: 'sync', width: 120, render: (_, r) => <SyncStateTag item={r} /> },
];

export function IncomingListScreen({ session }: { session: SignedIn }) {
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<IncomingFilterValues>({});
  const [registerOpen, setRegisterOpen] = useState(false);
  const [scanOpen, setScanOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [scanToRegister, setScanToRegister] = useState<StagedFile | null>(null);
  // Scans registered in this window; the scan-folder list does not say yet which ones were used.
  const [usedScans, setUsedScans] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useIncomingList({ search: deferredSearch, filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const canRegister = session.user.role === 'clerk' || session.user.role === 'admin';

  // Alt+N (nhập mới) opens the registration form from anywhere on the list: the clerk's hands stay on the keyboard.
  useEffect(() => {
    if (!canRegister) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN') {
        e.preventDefault();
        setRegisterOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canRegister]);

  return (
    <div className="page">
      <div className="page-toolbar">
        <h2>Văn bản đến</h2>
        <Input.Search
          allowClear
          placeholder="Tìm theo trích yếu, số ký hiệu, cơ quan ban hành"
          style={{ width: 380 }}
          title="Gõ có dấu hoặc không dấu đều tìm được"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          aria-label="Tìm văn bản đến"
        />
        <Tooltip title="Tải lại danh sách">
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label="Tải lại" />
        </Tooltip>
        <Button icon={<PrinterOutlined />} onClick={() => setExportOpen(true)}>
          In sổ / Xuất Excel
        </Button>
        <Button icon={<ScanOutlined />} onClick={() => setScanOpen(true)}>
          Thư mục quét
        </Button>
        {canRegister && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegisterOpen(true)} title="Phím tắt: Alt+N">
            Vào sổ văn bản đến
          </Button>
        )}
      </div>
      <IncomingFilters
        value={filters}
        onChange={(next) => {
          setFilters(next);
          setPage(1);
        }}
      />
      {list.isError && <Alert type="error" showIcon title="Không tải được danh sách văn bản đến" description={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<IncomingListItem>
        size="small"
        bordered
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        scroll={{ x: 1100 }}
        rowClassName={(r) =>
          ['clickable-row', r.urgency !== 'normal' ? 'row-urgent' : '', r.syncState === 'rejected' ? 'row-rejected' : ''].join(' ')
        }
        onRow={(r) => ({
          onClick: () => setOpenId(r.id),
          onKeyDown: (e) => {
            if (e.key === 'Enter') setOpenId(r.id);
          },
          tabIndex: 0,
          'aria-label': `Văn bản số đến ${r.arrivalNumber ?? ''}: ${r.subject}`,
        })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (total) => `Tổng số ${total} văn bản`,
        }}
        locale={{
          emptyText: deferredSearch || hasActiveFilters(filters) ? (
            'Không có văn bản nào khớp với từ khóa tìm kiếm và bộ lọc. Hãy bớt từ khóa hoặc bấm "Bỏ lọc".'
          ) : (
            <Typography.Text type="secondary">
              Chưa có văn bản đến nào trong sổ.{canRegister ? ' Bấm "Vào sổ văn bản đến" để vào sổ văn bản đầu tiên.' : ''}
            </Typography.Text>
          ),
        }}
      />
      {canRegister && (
        <RegisterIncomingDrawer
          open={registerOpen}
          initialFile={scanToRegister}
          usedScans={usedScans}
          onRegistered={(shas) => setUsedScans((prev) => [...prev, ...shas])}
          onClose={() => {
            setRegisterOpen(false);
            setScanToRegister(null);
          }}
        />
      )}
      <RegisterExportDrawer open={exportOpen} onClose={() => setExportOpen(false)} />
      <ScanFolderPanel
        open={scanOpen}
        onClose={() => setScanOpen(false)}
        canRegister={canRegister}
        usedScans={usedScans}
        onRegister={(staged) => {
          setScanOpen(false);
          setScanToRegister(staged);
          setRegisterOpen(true);
        }}
      />
      <IncomingDetailDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
