/**
 * Nhiệm vụ: my tasks, due soon (≤ 3 working days), overdue, the tasks I assigned, and the extension requests waiting
 * for my decision. Leaders and unit heads create tasks here.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Progress, Table, Tabs, Tooltip } from 'antd';
import { useState } from 'react';
import type { Session, TaskItem } from '../../../src-shared/contract';
import { TASK_STATUS_LABELS } from '../../../src-shared/domain';
import { ExtensionList } from '../../components/routing/ExtensionList';
import { HandlingDialogs, type HandlingDialog } from '../../components/routing/HandlingForms';
import { DeadlineCell, RoutingSyncTag } from '../../components/routing/RoutingTags';
import { TaskCreateDrawer } from '../../components/routing/TaskCreateDrawer';
import { TaskDrawer } from '../../components/routing/TaskDrawer';
import { errorMessage } from '../../lib/format';
import { useExtensionRequests, useTasks } from '../../lib/routing-queries';

type SignedIn = Extract<Session, { state: 'signedIn' }>;
type TabKey = 'mine' | 'dueSoon' | 'overdue' | 'assignedByMe' | 'done' | 'extensions';

const QUERY: Record<Exclude<TabKey, 'extensions'>, { scope: 'mine' | 'assignedByMe'; filter: 'open' | 'dueSoon' | 'overdue' | 'done' }> = {
  mine: { scope: 'mine', filter: 'open' },
  dueSoon: { scope: 'mine', filter: 'dueSoon' },
  overdue: { scope: 'mine', filter: 'overdue' },
  assignedByMe: { scope: 'assignedByMe', filter: 'open' },
  done: { scope: 'mine', filter: 'done' },
};

function TaskTable({ tab, onOpen }: { tab: Exclude<TabKey, 'extensions'>; onOpen: (id: string) => void }) {
  const list = useTasks(QUERY[tab]);
  if (list.isError) return <Alert type="error" showIcon title="Không tải được nhiệm vụ" description={errorMessage(list.error)} />;
  return (
    <Table<TaskItem>
      size="small"
      bordered
      rowKey="id"
      loading={list.isPending}
      dataSource={list.data ?? []}
      pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (t) => `${t} nhiệm vụ` }}
      rowClassName={(r) => ['clickable-row', r.overdue ? 'row-overdue' : ''].join(' ')}
      onRow={(r) => ({ onClick: () => onOpen(r.id), onKeyDown: (e) => e.key === 'Enter' && onOpen(r.id), tabIndex: 0, 'aria-label': `Nhiệm vụ ${r.title}` })}
      columns={[
        {
          title: 'Nhiệm vụ',
          key: 'title',
          render: (_, r) => (
            <>
              <div>
                <strong>{r.title}</strong> <RoutingSyncTag item={r} />
              </div>
              {r.documentSubject && <div className="rt-muted" style={{ fontSize: 12 }}>Từ văn bản: {r.documentSubject}</div>}
            </>
          ),
        },
        { title: tab === 'assignedByMe' ? 'Chủ trì' : 'Người giao', key: 'who', width: 180, render: (_, r) => (tab === 'assignedByMe' ? r.primaryAssigneeName : r.assignedByName) },
        {
          title: 'Thời hạn',
          key: 'due',
          width: 170,
          render: (_, r) => {
            const a = r.myAssignment;
            return a && a.dueDate ? (
              <DeadlineCell dueDate={a.dueDate} overdue={a.overdue} dueSoon={a.dueSoon} workingDaysLeft={a.workingDaysLeft} done={a.status === 'done'} />
            ) : (
              <DeadlineCell dueDate={r.dueDate} overdue={r.overdue} dueSoon={r.dueSoon} workingDaysLeft={r.workingDaysLeft} done={r.status === 'done'} />
            );
          },
        },
        { title: 'Tiến độ', key: 'p', width: 150, render: (_, r) => <Progress percent={r.progress} size="small" status={r.overdue ? 'exception' : r.status === 'done' ? 'success' : 'normal'} /> },
        { title: 'Trạng thái', key: 's', width: 120, render: (_, r) => TASK_STATUS_LABELS[r.status] },
      ]}
      locale={{
        emptyText:
          tab === 'overdue' ? 'Không có nhiệm vụ quá hạn.' : tab === 'dueSoon' ? 'Không có nhiệm vụ sắp đến hạn (trong 3 ngày làm việc).' : 'Không có nhiệm vụ nào.',
      }}
    />
  );
}

export function TasksScreen({ session }: { session: SignedIn }) {
  const canCreate = session.user.role === 'leader' || session.user.role === 'unitHead';
  const [tab, setTab] = useState<TabKey>(session.user.role === 'leader' ? 'assignedByMe' : 'mine');
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<HandlingDialog | null>(null);
  const toDecide = useExtensionRequests('toDecide');
  const overdue = useTasks(QUERY.overdue);
  const dueSoon = useTasks(QUERY.dueSoon);
  const pendingDecisions = (toDecide.data ?? []).filter((e) => e.status === 'pending');
  const count = (label: string, n: number, color?: string) => (
    <span>
      {label} {n > 0 && <Badge count={n} color={color} size="small" />}
    </span>
  );
  return (
    <div className="page">
      <div className="page-toolbar">
        <h2>Nhiệm vụ</h2>
        <Tooltip title="Tải lại">
          <Button icon={<ReloadOutlined />} aria-label="Tải lại" onClick={() => void Promise.all([toDecide.refetch(), overdue.refetch(), dueSoon.refetch()])} />
        </Tooltip>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            Giao nhiệm vụ
          </Button>
        )}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as TabKey)}
        destroyOnHidden
        items={[
          { key: 'mine', label: 'Việc của tôi' },
          { key: 'dueSoon', label: count('Sắp đến hạn', dueSoon.data?.length ?? 0, '#d46b08') },
          { key: 'overdue', label: count('Quá hạn', overdue.data?.length ?? 0) },
          { key: 'assignedByMe', label: 'Tôi đã giao' },
          { key: 'extensions', label: count('Chờ duyệt gia hạn', pendingDecisions.length, '#1d4f91') },
          { key: 'done', label: 'Đã hoàn thành' },
        ].map((t) => ({
          ...t,
          children:
            t.key === 'extensions' ? (
              <ExtensionList items={toDecide.data ?? []} onDecide={setDialog} showSubject />
            ) : (
              <TaskTable tab={t.key as Exclude<TabKey, 'extensions'>} onOpen={setOpenId} />
            ),
        }))}
      />
      <TaskDrawer taskId={openId} onClose={() => setOpenId(null)} />
      <TaskCreateDrawer open={creating} source={null} onClose={() => setCreating(false)} />
      <HandlingDialogs dialog={dialog} onClose={() => setDialog(null)} />
    </div>
  );
}
