/** Columns of the routing lists (leader inbox, văn bản cần xử lý): dense like the incoming register. */
import type { ColumnsType } from 'antd/es/table';
import type { InboxItem } from '../../../src-shared/contract';
import { formatNumberNotation } from '../../../src-shared/domain';
import { dateTimeVi, dateVi } from '../../lib/format';
import { SecrecyTag, UrgencyTag } from '../DocTags';
import { AssignmentStatusTag, DeadlineCell, RoleTag, RoutingSyncTag } from './RoutingTags';

/** Số đến, số ký hiệu, cơ quan ban hành and trích yếu; urgency, secrecy and sync state sit in the subject cell to save width. */
function docColumns(withArrivalDate: boolean): ColumnsType<InboxItem> {
  return [
    { title: 'Số đến', key: 'n', width: 68, align: 'right', render: (_, r) => <strong>{r.document.arrivalNumber ?? '—'}</strong> },
    ...(withArrivalDate ? [{ title: 'Ngày đến', key: 'arr', width: 92, render: (_: unknown, r: InboxItem) => dateVi(r.document.arrivalDate) }] : []),
    {
      title: 'Số, ký hiệu',
      key: 'notation',
      width: 124,
      render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatNumberNotation(r.document.number, r.document.notation) || '—'}</span>,
    },
    { title: 'Cơ quan ban hành', key: 'issuer', width: 150, ellipsis: { showTitle: true }, render: (_, r) => r.document.issuer },
    {
      title: 'Trích yếu',
      key: 'subject',
      render: (_, r) => (
        <span className="subject-cell" title={r.document.subject}>
          {r.document.urgency !== 'normal' && (
            <>
              <UrgencyTag urgency={r.document.urgency} />{' '}
            </>
          )}
          <SecrecyTag secrecy={r.document.secrecy} />
          {r.document.subject} <RoutingSyncTag item={r} />
        </span>
      ),
    },
  ];
}

export const leaderInboxColumns = (withDirective: boolean): ColumnsType<InboxItem> => [
  ...docColumns(true),
  { title: 'Trình lúc', key: 'submitted', width: 126, render: (_, r) => dateTimeVi(r.submittedAt) },
  {
    title: 'Hạn xử lý',
    key: 'due',
    width: 100,
    render: (_, r) => (r.document.dueDate ? dateVi(r.document.dueDate) : <span className="rt-muted">—</span>),
  },
  ...(withDirective
    ? [{ title: 'Bút phê', key: 'directive', width: 200, ellipsis: { showTitle: true }, render: (_: unknown, r: InboxItem) => r.directive ?? <span className="rt-muted">Chưa cho ý kiến</span> }]
    : []),
];

export const myDocumentsColumns: ColumnsType<InboxItem> = [
  ...docColumns(false),
  { title: 'Vai trò', key: 'role', width: 100, render: (_, r) => (r.assignment ? <RoleTag role={r.assignment.role} /> : null) },
  {
    title: 'Hạn của tôi',
    key: 'due',
    width: 124,
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
    width: 190,
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
    width: 110,
    render: (_, r) => (r.assignment ? <AssignmentStatusTag status={r.assignment.status} /> : null),
  },
];
