/**
 * Dự thảo: the drafts of the signed-in user by role — staff see their own, the unit head the ones waiting for the
 * content check, the clerk the format checks (issuance is on "Phát hành"), the leader those waiting for signature.
 * Alt+N opens a new draft; Enter on a row opens it.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Table, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useDeferredValue, useEffect, useState } from 'react';
import type { DraftListItem, Session } from '../../../src-shared/contract';
import { docTypeByCode, type Role } from '../../../src-shared/domain';
import { SyncStateTag, UrgencyTag } from '../../components/DocTags';
import { DraftDetailDrawer } from '../../components/outgoing/DraftDetailDrawer';
import { DraftFormDrawer } from '../../components/outgoing/DraftFormDrawer';
import { DraftStatusTag } from '../../components/outgoing/OutgoingTags';
import { dateTimeVi, errorMessage } from '../../lib/format';
import { useDirectoryUnits, useDraftList } from '../../lib/outgoing-queries';

type SignedIn = Extract<Session, { state: 'signedIn' }>;
type Scope = 'mine' | 'review' | 'toSign' | 'toIssue' | 'all';

const PAGE_SIZE = 50;

/** The boxes each role works from, the first one opened by default. */
export function scopesFor(role: Role): { key: Scope; label: string }[] {
  switch (role) {
    case 'staff':
      return [
        { key: 'mine', label: 'Dự thảo của tôi' },
        { key: 'all', label: 'Tất cả' },
      ];
    case 'unitHead':
      return [
        { key: 'review', label: 'Chờ kiểm tra nội dung' },
        { key: 'mine', label: 'Dự thảo của tôi' },
        { key: 'all', label: 'Tất cả' },
      ];
    case 'clerk':
      return [
        { key: 'review', label: 'Chờ kiểm tra thể thức' },
        { key: 'all', label: 'Tất cả' },
      ];
    case 'leader':
      return [
        { key: 'toSign', label: 'Chờ tôi ký' },
        { key: 'all', label: 'Tất cả' },
      ];
    case 'admin':
      return [{ key: 'all', label: 'Tất cả' }];
  }
}

const columns: ColumnsType<DraftListItem> = [
  {
    title: 'Trích yếu',
    key: 'subject',
    render: (_, r) => (
      <span className="subject-cell" title={r.subject}>
        {r.subject}
        {r.status === 'returned' && r.lastComment && <div className="returned-comment">Ý kiến trả lại: {r.lastComment}</div>}
      </span>
    ),
  },
  { title: 'Loại', dataIndex: 'docType', width: 110, render: (v: DraftListItem['docType']) => docTypeByCode(v)?.name ?? v },
  { title: 'Người soạn', key: 'drafter', width: 170, render: (_, r) => <span>{r.createdByName}{r.unitName ? <div className="muted">{r.unitName}</div> : null}</span> },
  { title: 'Lãnh đạo ký', key: 'signer', width: 150, render: (_, r) => r.signerName ?? '—' },
  { title: 'Độ khẩn', dataIndex: 'urgency', width: 96, render: (v: DraftListItem['urgency']) => <UrgencyTag urgency={v} /> },
  { title: 'P.bản', dataIndex: 'versionCount', width: 64, align: 'right' },
  { title: 'Trạng thái', key: 'status', width: 190, render: (_, r) => <DraftStatusTag status={r.status} /> },
  { title: 'Cập nhật', dataIndex: 'updatedAt', width: 130, render: (v: string) => dateTimeVi(v) },
  { title: 'Đồng bộ', key: 'sync', width: 120, render: (_, r) => <SyncStateTag item={r} /> },
];

export function DraftsScreen({ session }: { session: SignedIn }) {
  const scopes = scopesFor(session.user.role);
  const [scope, setScope] = useState<Scope>(scopes[0]!.key);
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [createOpen, setCreateOpen] = useState(false);
  const list = useDraftList({ scope, search: deferredSearch, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const units = useDirectoryUnits();
  const unitCode = units.data?.find((u) => u.id === session.user.unitId)?.code ?? null;
  const canDraft = session.user.role !== 'admin';

  useEffect(() => {
    if (!canDraft) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN') {
        e.preventDefault();
        setCreateOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canDraft]);

  return (
    <div className="page" data-testid="drafts-screen">
      <div className="page-toolbar">
        <h2>Dự thảo văn bản đi</h2>
        <Input.Search
          allowClear
          placeholder="Tìm theo trích yếu, ký hiệu, người soạn"
          style={{ width: 340 }}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          aria-label="Tìm dự thảo"
        />
        <Tooltip title="Tải lại danh sách">
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label="Tải lại" />
        </Tooltip>
        {canDraft && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)} title="Phím tắt: Alt+N" data-testid="draft-create">
            Tạo dự thảo
          </Button>
        )}
      </div>
      <Tabs
        activeKey={scope}
        onChange={(k) => {
          setScope(k as Scope);
          setPage(1);
        }}
        items={scopes.map((s) => ({ key: s.key, label: s.label }))}
        size="small"
      />
      {list.isError && <Alert type="error" showIcon title="Không tải được danh sách dự thảo" description={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<DraftListItem>
        size="small"
        bordered
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        scroll={{ x: 1100 }}
        rowClassName={(r) => ['clickable-row', r.urgency !== 'normal' ? 'row-urgent' : '', r.syncState === 'rejected' ? 'row-rejected' : ''].join(' ')}
        onRow={(r) => ({
          onClick: () => setOpenId(r.id),
          onKeyDown: (e) => {
            if (e.key === 'Enter') setOpenId(r.id);
          },
          tabIndex: 0,
          'aria-label': `Dự thảo: ${r.subject}`,
        })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (total) => `Tổng số ${total} dự thảo`,
        }}
        locale={{
          emptyText: (
            <Typography.Text type="secondary">
              {deferredSearch ? 'Không có dự thảo nào khớp với từ khóa.' : 'Không có dự thảo nào ở mục này.'}
              {canDraft && !deferredSearch && scope === 'mine' ? ' Bấm "Tạo dự thảo" (Alt+N) để soạn văn bản mới.' : ''}
            </Typography.Text>
          ),
        }}
      />
      {canDraft && (
        <DraftFormDrawer
          open={createOpen}
          onClose={() => setCreateOpen(false)}
          orgAbbr={session.organization.abbr}
          unitCode={unitCode}
          onSaved={(id) => setOpenId(id)}
        />
      )}
      <DraftDetailDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        orgAbbr={session.organization.abbr}
        unitCode={unitCode}
      />
    </div>
  );
}
