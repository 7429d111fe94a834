/** Columns of the routing lists (leader inbox, văn bản cần xử lý): dense like the incoming register. */
import type { ColumnsType } from 'antd/es/table';
import type { InboxItem } from '../../../src-shared/contract';
import { formatNumberNotation } from '../../../src-shared/domain';
import { dateTimeVi, dateVi } from '../../lib/format';
import { SecrecyTag, UrgencyTag } from '../DocTags';
import { AssignmentStatusTag, DeadlineCell, RoleTag, RoutingSyncTag } from './RoutingTags';

const docColumns: ColumnsType<InboxItem> = [
  { title: 'Số đến', key: 'n', width: 72, align: 'right', render: (_, r) => <strong>{r.document.arrivalNumber ?? '—'}</strong> },
  { title: 'Ngày đến', key: 'arr', width: 92, render: (_, r) => dateVi(r.document.arrivalDate) },
  {
    title: 'Số, ký hiệu',
    key: 'notation',
    width: 130,
    render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatNumberNotation(r.document.number, r.document.notation) || '—'}</span>,
  },
  { title: 'Cơ quan ban hành', key: 'issuer', width: 170, ellipsis: { showTitle: true }, render: (_, r) => r.document.issuer },
  {
    title: 'Trích yếu',
    key: 'subject',
    render: (_, r) => (
      <span className="subject-cell" title={r.document.subject}>
        <SecrecyTag secrecy={r.document.secrecy} />
        {r.document.subject}
      </span>
    ),
  },
  { title: 'Độ khẩn', key: 'urgency', width: 96, render: (_, r) => <UrgencyTag urgency={r.document.urgency} /> },
];

export const leaderInboxColumns: ColumnsType<InboxItem> = [
  ...docColumns,
  { title: 'Trình lúc', key: 'submitted', width: 130, render: (_, r) => dateTimeVi(r.submittedAt) },
  {
    title: 'Hạn xử lý',
    key: 'due',
    width: 100,
    render: (_, r) => (r.document.dueDate ? dateVi(r.document.dueDate) : <span className="rt-muted">—</span>),
  },
  { title: 'Bút phê', key: 'directive', width: 200, ellipsis: { showTitle: true }, render: (_, r) => r.directive ?? <span className="rt-muted">Chưa cho ý kiến</span> },
  { title: '', key: 'sync', width: 110, render: (_, r) => <RoutingSyncTag item={r} /> },
];

export const myDocumentsColumns: ColumnsType<InboxItem> = [
  ...docColumns,
  { title: 'Vai trò', key: 'role', width: 104, render: (_, r) => (r.assignment ? <RoleTag role={r.assignment.role} /> : null) },
  {
    title: 'Hạn của tôi',
    key: 'due',
    width: 150,
    render: (_, r) =>
      r.assignment && r.assignment.role !== 'informed' ? (
        <DeadlineCell
          dueDate={r.assignment.dueDate}
          overdue={r.assignment.overdue}
          dueSoon={r.assignment.dueSoon}
          workingDaysLeft={r.assignment.workingDaysLeft}
          done={r.assignment.status === 'done'}
        />
      ) : (
        <span className="rt-muted">—</span>
      ),
  },
  {
    title: 'Bút phê',
    key: 'directive',
    width: 200,
    render: (_, r) => (
      <span className="subject-cell" title={r.directive ?? ''}>
        {r.directive ?? '—'}
        {r.assignment && <span className="rt-muted"> — {r.assignment.assignedByName}</span>}
      </span>
    ),
  },
  {
    title: 'Trạng thái',
    key: 'status',
    width: 120,
    render: (_, r) => (
      <>
        {r.assignment && <AssignmentStatusTag status={r.assignment.status} />}
        <RoutingSyncTag item={r} />
      </>
    ),
  },
];
