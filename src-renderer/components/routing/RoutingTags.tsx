/** Small presentational pieces of routing: deadline with due-soon/overdue colour, role and status tags, sync state. */
import { Tag, Tooltip } from 'antd';
import {
  ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  EXTENSION_STATUS_LABELS,
  type AssignmentRole,
  type AssignmentStatus,
  type ExtensionStatus,
} from '../../../src-shared/domain';
import { dateVi } from '../../lib/format';
import { SyncStateTag } from '../DocTags';

export const ROLE_COLORS: Record<AssignmentRole, string> = { primary: 'blue', coordinator: 'cyan', informed: 'default' };

export function RoleTag({ role }: { role: AssignmentRole }) {
  return (
    <Tag color={ROLE_COLORS[role]} style={{ marginInlineEnd: 0 }}>
      {ASSIGNMENT_ROLE_LABELS[role]}
    </Tag>
  );
}

const STATUS_COLORS: Record<AssignmentStatus, string> = { open: 'processing', done: 'success', returned: 'warning', forwarded: 'default', revoked: 'default' };
export function AssignmentStatusTag({ status }: { status: AssignmentStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{ASSIGNMENT_STATUS_LABELS[status]}</Tag>;
}

const EXT_COLORS: Record<ExtensionStatus, string> = { pending: 'gold', approved: 'green', refused: 'red' };
export function ExtensionStatusTag({ status }: { status: ExtensionStatus }) {
  return (
    <Tag color={EXT_COLORS[status]} data-testid="extension-status">
      {EXTENSION_STATUS_LABELS[status]}
    </Tag>
  );
}

/** Hạn xử lý with what it means today: red when overdue, orange when due soon, the working days left in the tooltip. */
export function DeadlineCell({
  dueDate,
  overdue,
  dueSoon,
  workingDaysLeft,
  done = false,
}: {
  dueDate: string | null;
  overdue: boolean;
  dueSoon: boolean;
  workingDaysLeft: number | null;
  done?: boolean;
}) {
  if (!dueDate) return <span className="rt-muted">Không hạn</span>;
  if (done) return <span>{dateVi(dueDate)}</span>;
  const hint =
    workingDaysLeft === null
      ? ''
      : overdue
        ? `Quá hạn ${Math.abs(workingDaysLeft)} ngày làm việc`
        : workingDaysLeft === 0
          ? 'Hạn là hôm nay'
          : `Còn ${workingDaysLeft} ngày làm việc`;
  return (
    <Tooltip title={hint}>
      <span className={overdue ? 'deadline-overdue' : dueSoon ? 'deadline-soon' : undefined} data-testid="deadline">
        {dateVi(dueDate)}
        {overdue ? ' · quá hạn' : dueSoon ? ' · sắp đến hạn' : ''}
      </span>
    </Tooltip>
  );
}

export function RoutingSyncTag({ item }: { item: { syncState: 'synced' | 'pending' | 'rejected'; rejectReason: string | null } }) {
  return item.syncState === 'synced' ? null : <SyncStateTag item={item} />;
}
