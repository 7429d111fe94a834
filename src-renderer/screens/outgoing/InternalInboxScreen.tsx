/**
 * Văn bản đến nội bộ: documents this agency issued to my unit or to me. Opening one marks it read (the clerk sees
 * "Đã xem" on the outgoing side); revoked ones stay listed, struck through, with their state.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import type { InternalInboxItem } from '../../../src-shared/contract';
import { OUTGOING_STATUS_LABELS, docTypeByCode } from '../../../src-shared/domain';
import { UrgencyTag } from '../../components/DocTags';
import { FilePane } from '../../components/outgoing/FilePane';
import '../../components/outgoing/outgoing.css';
import { useApi } from '../../lib/api-context';
import { dateVi, errorMessage } from '../../lib/format';

const columns: ColumnsType<InternalInboxItem> = [
  { title: 'Số, ký hiệu', dataIndex: 'numberNotation', width: 140, render: (v: string, r) => (r.readAt ? v : <strong>{v}</strong>) },
  { title: 'Ngày ban hành', dataIndex: 'issuedDate', width: 110, render: (v: string) => dateVi(v) },
  {
    title: 'Tên loại và trích yếu',
    key: 'subject',
    render: (_, r) => (
      <span className="subject-cell" title={r.subject}>
        {docTypeByCode(r.docType)?.name ?? r.docType} — {r.subject}
      </span>
    ),
  },
  { title: 'Người ký', dataIndex: 'signerName', width: 160 },
  { title: 'Gửi đến', dataIndex: 'addressedTo', width: 180 },
  { title: 'Độ khẩn', dataIndex: 'urgency', width: 96, render: (v: InternalInboxItem['urgency']) => <UrgencyTag urgency={v} /> },
  {
    title: 'Tình trạng',
    key: 'state',
    width: 130,
    render: (_, r) =>
      r.outgoingStatus !== 'issued' ? <Tag color="red">{OUTGOING_STATUS_LABELS[r.outgoingStatus]}</Tag> : r.readAt ? <span className="muted">Đã xem</span> : <Tag color="blue">Chưa xem</Tag>,
  },
];

export function InternalInboxScreen() {
  const api = useApi();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['outgoing.listInbox'], queryFn: () => api.call('outgoing.listInbox', { limit: 500, offset: 0 }) });
  const [open, setOpen] = useState<InternalInboxItem | null>(null);

  const openItem = (r: InternalInboxItem) => {
    setOpen(r);
    if (!r.readAt) {
      void api
        .call('outgoing.markRead', { recipientId: r.recipientId })
        .then(() => queryClient.invalidateQueries({ queryKey: ['outgoing.listInbox'] }))
        .catch(() => undefined); // Read receipts are best effort: the document still opens.
    }
  };

  return (
    <div className="page" data-testid="internal-inbox-screen">
      <div className="page-toolbar">
        <h2>Văn bản đến nội bộ</h2>
        <Tooltip title="Tải lại danh sách">
          <Button icon={<ReloadOutlined />} aria-label="Tải lại" onClick={() => void list.refetch()} />
        </Tooltip>
      </div>
      {list.isError && <Alert type="error" showIcon title="Không tải được văn bản đến nội bộ" description={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<InternalInboxItem>
        size="small"
        bordered
        rowKey="recipientId"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (t) => `Tổng số ${t} văn bản` }}
        rowClassName={(r) => ['clickable-row', r.outgoingStatus !== 'issued' ? 'row-revoked' : ''].join(' ')}
        onRow={(r) => ({ onClick: () => openItem(r), onKeyDown: (e) => e.key === 'Enter' && openItem(r), tabIndex: 0, 'aria-label': `Văn bản ${r.numberNotation}: ${r.subject}` })}
        locale={{ emptyText: 'Chưa có văn bản nội bộ nào gửi đến bạn hoặc đơn vị của bạn.' }}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={1000} title={open ? `${open.numberNotation} — ${open.subject}` : ''} destroyOnHidden>
        {open && open.outgoingStatus !== 'issued' && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`Văn bản này ${OUTGOING_STATUS_LABELS[open.outgoingStatus].toLowerCase()}: không thực hiện theo văn bản này nữa.`} />
        )}
        {open && <FilePane file={open.pdf ? { ...open.pdf, mime: 'application/pdf' } : null} />}
      </Drawer>
    </div>
  );
}
