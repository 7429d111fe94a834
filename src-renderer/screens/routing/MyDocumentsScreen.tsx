/**
 * Văn bản cần xử lý: the user's assignments (and, for a unit head, the unit's) by role — xử lý chính, phối hợp,
 * để biết — open or done, overdue and due-soon first.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Segmented, Table, Tabs, Tooltip } from 'antd';
import { useState } from 'react';
import type { InboxItem, Session } from '../../../src-shared/contract';
import { ASSIGNMENT_ROLE_LABELS, type AssignmentRole } from '../../../src-shared/domain';
import { HandlingDrawer } from '../../components/routing/HandlingDrawer';
import { myDocumentsColumns } from '../../components/routing/inbox-columns';
import { errorMessage } from '../../lib/format';
import { useMyDocuments } from '../../lib/routing-queries';

type SignedIn = Extract<Session, { state: 'signedIn' }>;
type RoleTab = AssignmentRole | 'all';

/** Overdue first, then due soon, then by deadline; done items by the most recent. */
function urgencyOrder(a: InboxItem, b: InboxItem): number {
  const rank = (x: InboxItem) => (x.assignment?.overdue ? 0 : x.assignment?.dueSoon ? 1 : 2);
  return rank(a) - rank(b) || (a.assignment?.dueDate ?? '9999').localeCompare(b.assignment?.dueDate ?? '9999');
}

export function MyDocumentsScreen({ session }: { session: SignedIn }) {
  const [role, setRole] = useState<RoleTab>('primary');
  const [state, setState] = useState<'open' | 'done' | 'all'>('open');
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useMyDocuments({ ...(role === 'all' ? {} : { role }), state });
  const items = [...(list.data ?? [])].sort(urgencyOrder);
  return (
    <div className="page">
      <div className="page-toolbar">
        <h2>Văn bản cần xử lý</h2>
        <Segmented
          value={state}
          onChange={(v) => setState(v as typeof state)}
          options={[
            { value: 'open', label: 'Đang xử lý' },
            { value: 'done', label: 'Đã xong' },
            { value: 'all', label: 'Tất cả' },
          ]}
          aria-label="Tình trạng"
        />
        <Tooltip title="Tải lại danh sách">
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label="Tải lại" />
        </Tooltip>
      </div>
      <Tabs
        activeKey={role}
        onChange={(k) => setRole(k as RoleTab)}
        items={[
          ...(['primary', 'coordinator', 'informed'] as const).map((k) => ({ key: k, label: ASSIGNMENT_ROLE_LABELS[k] })),
          { key: 'all', label: 'Tất cả vai trò' },
        ]}
      />
      {list.isError && <Alert type="error" showIcon title="Không tải được văn bản cần xử lý" description={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <Table<InboxItem>
        size="small"
        bordered
        rowKey={(r) => r.assignment?.id ?? r.document.id}
        loading={list.isPending}
        dataSource={items}
        scroll={{ x: 1150 }}
        columns={myDocumentsColumns}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (t) => `${t} văn bản` }}
        rowClassName={(r) =>
          ['clickable-row', r.assignment?.overdue ? 'row-overdue' : r.document.urgency !== 'normal' ? 'row-urgent' : ''].join(' ')
        }
        onRow={(r) => ({
          onClick: () => setOpenId(r.document.id),
          onKeyDown: (e) => {
            if (e.key === 'Enter') setOpenId(r.document.id);
          },
          tabIndex: 0,
          'aria-label': `Văn bản số đến ${r.document.arrivalNumber ?? ''}: ${r.document.subject}`,
        })}
        locale={{
          emptyText:
            state === 'open' ? 'Không có văn bản nào đang chờ bạn xử lý ở vai trò này.' : 'Không có văn bản nào.',
        }}
      />
      <HandlingDrawer documentId={openId} session={session} onClose={() => setOpenId(null)} />
    </div>
  );
}
