/**
 * Phân công: one primary handler (xử lý chính), coordinators (phối hợp) and informed (để biết), each a unit or a
 * person, and a deadline per assignee who must act. Used by the leader's bút phê, the unit head's re-assignment inside
 * the unit and task creation. Units and people come from the local directory (works offline).
 */
import { Select, Table, Typography } from 'antd';
import type { AssigneeInput } from '../../../src-shared/contract';
import { ASSIGNMENT_ROLE_LABELS, type AssignmentRole, type Unit, type User } from '../../../src-shared/domain';
import { useDirectoryUnits, useDirectoryUsers } from '../../lib/outgoing-queries';
import { DEFAULT_DUE, DeadlineInput, toDueInput, type DueValue } from './DeadlineInput';

/** 'user:<id>' or 'unit:<id>'. */
export type Target = string;
export type AssignmentValue = {
  primary: Target | null;
  coordinators: Target[];
  informed: Target[];
  dues: Record<Target, DueValue>;
  /** Deadline of anyone not given one (the document's own Hạn xử lý, else 10 working days). */
  defaultDue: DueValue;
};

export const EMPTY_ASSIGNMENT: AssignmentValue = { primary: null, coordinators: [], informed: [], dues: {}, defaultDue: DEFAULT_DUE };

/** A coordinator's deadline follows the primary handler's until the leader sets one of its own. */
export function dueOf(v: AssignmentValue, t: Target): DueValue {
  return v.dues[t] ?? (v.primary ? v.dues[v.primary] : undefined) ?? v.defaultDue;
}

export function assignmentInputs(v: AssignmentValue): AssigneeInput[] {
  const one = (t: Target, role: AssignmentRole): AssigneeInput => {
    const [kind, id] = t.split(':') as ['user' | 'unit', string];
    return {
      assigneeUserId: kind === 'user' ? id : null,
      assigneeUnitId: kind === 'unit' ? id : null,
      role,
      due: role === 'informed' ? null : toDueInput(dueOf(v, t)),
    };
  };
  return [
    ...(v.primary ? [one(v.primary, 'primary')] : []),
    ...v.coordinators.map((t) => one(t, 'coordinator')),
    ...v.informed.map((t) => one(t, 'informed')),
  ];
}

export function useTargetNames(): (t: Target) => string {
  const users = useDirectoryUsers();
  const units = useDirectoryUnits();
  return (t) => {
    const [kind, id] = t.split(':');
    if (kind === 'unit') return units.data?.find((u) => u.id === id)?.name ?? 'Đơn vị';
    const u = users.data?.find((x) => x.id === id);
    return u ? u.fullName : 'Cán bộ';
  };
}

function options(units: Unit[], users: User[], taken: Set<Target>, opts: { unitsAllowed: boolean; onlyUnitId?: string | null; selfId?: string }) {
  const unitById = new Map(units.map((u) => [u.id, u]));
  const people = users
    .filter((u) => u.active && u.role !== 'admin' && u.id !== opts.selfId && (!opts.onlyUnitId || u.unitId === opts.onlyUnitId))
    .map((u) => ({
      value: `user:${u.id}`,
      label: `${u.fullName}${u.position ? ` — ${u.position}` : ''}${u.unitId && !opts.onlyUnitId ? ` (${unitById.get(u.unitId)?.name ?? ''})` : ''}`,
      disabled: taken.has(`user:${u.id}`),
    }));
  const groups = [];
  if (opts.unitsAllowed) {
    groups.push({ label: 'Đơn vị', options: units.map((u) => ({ value: `unit:${u.id}`, label: u.name, disabled: taken.has(`unit:${u.id}`) })) });
  }
  groups.push({ label: 'Cán bộ', options: people });
  return groups;
}

const filterVi = (input: string, option?: { label?: unknown }) =>
  String(option?.label ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .includes(input.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase());

export function AssignmentForm({
  value,
  onChange,
  unitsAllowed = true,
  onlyUnitId = null,
  selfId,
  informedAllowed = true,
}: {
  value: AssignmentValue;
  onChange: (v: AssignmentValue) => void;
  unitsAllowed?: boolean;
  /** Unit head re-assigning: only people of this unit. */
  onlyUnitId?: string | null;
  selfId?: string;
  informedAllowed?: boolean;
}) {
  const users = useDirectoryUsers();
  const units = useDirectoryUnits();
  const name = useTargetNames();
  const all = (except: Target[]) => {
    const taken = new Set<Target>([...(value.primary ? [value.primary] : []), ...value.coordinators, ...value.informed].filter((t) => !except.includes(t)));
    return options(units.data ?? [], users.data ?? [], taken, { unitsAllowed, onlyUnitId, ...(selfId ? { selfId } : {}) });
  };
  const withDue = [...(value.primary ? [value.primary] : []), ...value.coordinators];
  const common = { showSearch: { filterOption: filterVi }, style: { width: '100%' }, loading: users.isPending || units.isPending } as const;

  return (
    <div className="assignment-form">
      <label className="field-label" htmlFor="assign-primary">
        Xử lý chính <span className="required">*</span>
      </label>
      <Select<Target>
        {...common}
        id="assign-primary"
        aria-label="Xử lý chính"
        placeholder="Chọn một đơn vị hoặc một cán bộ chủ trì xử lý"
        value={value.primary ?? undefined}
        options={all(value.primary ? [value.primary] : [])}
        onChange={(t) => onChange({ ...value, primary: t })}
        data-testid="assign-primary"
      />
      <label className="field-label" htmlFor="assign-coordinators">
        Phối hợp
      </label>
      <Select<Target[]>
        {...common}
        id="assign-coordinators"
        mode="multiple"
        aria-label="Phối hợp"
        placeholder="Đơn vị, cán bộ phối hợp (có thể chọn nhiều)"
        value={value.coordinators}
        options={all(value.coordinators)}
        onChange={(ts) => onChange({ ...value, coordinators: ts })}
        data-testid="assign-coordinators"
      />
      {informedAllowed && (
        <>
          <label className="field-label" htmlFor="assign-informed">
            Để biết
          </label>
          <Select<Target[]>
            {...common}
            id="assign-informed"
            mode="multiple"
            aria-label="Để biết"
            placeholder="Gửi để biết (chỉ xem, không phải xử lý)"
            value={value.informed}
            options={all(value.informed)}
            onChange={(ts) => onChange({ ...value, informed: ts })}
            data-testid="assign-informed"
          />
        </>
      )}
      <div className="field-label">Hạn xử lý từng người nhận</div>
      {withDue.length === 0 ? (
        <Typography.Text type="secondary">Chọn người xử lý chính để đặt hạn xử lý.</Typography.Text>
      ) : (
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey={(t) => t}
          dataSource={withDue}
          data-testid="assignment-dues"
          columns={[
            {
              title: 'Người/đơn vị nhận',
              key: 'who',
              width: 220,
              render: (_, t) => (
                <>
                  <div>{name(t)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {ASSIGNMENT_ROLE_LABELS[t === value.primary ? 'primary' : 'coordinator']}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: 'Hạn xử lý',
              key: 'due',
              render: (_, t) => (
                <DeadlineInput
                  label={`Hạn xử lý của ${name(t)}`}
                  value={dueOf(value, t)}
                  onChange={(d) => onChange({ ...value, dues: { ...value.dues, [t]: d } })}
                />
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
