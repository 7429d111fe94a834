/**
 * The handling items of the confirmed replica as plain rows for routing-stats: every primary assignment of a document
 * or a task (forwarded ones are represented by the assignment they were handed to), with the assignee's unit.
 */
import type Database from 'better-sqlite3';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import type { Assignment } from '../../../src-shared/domain/routing';
import type { HandlingItem } from './routing-stats';

export function handlingItems(sqlite: Database.Database): HandlingItem[] {
  const unitOf = new Map(
    (sqlite.prepare('SELECT id, unit_id FROM users').all() as { id: string; unit_id: string | null }[]).map((u) => [u.id, u.unit_id]),
  );
  const rows = sqlite
    .prepare(`SELECT data FROM assignments WHERE role = 'primary' AND status NOT IN ('forwarded', 'revoked')`)
    .all() as { data: string }[];
  return rows.map((r) => {
    const a = JSON.parse(r.data) as Assignment;
    return {
      kind: a.taskId ? 'task' : 'document',
      userId: a.assigneeUserId,
      unitId: a.assigneeUnitId ?? (a.assigneeUserId ? (unitOf.get(a.assigneeUserId) ?? null) : null),
      deadline: a.dueDate,
      // Done on the Vietnam calendar day, not the UTC one.
      doneOn: a.status === 'done' && a.completedAt ? todayInVietnam(new Date(a.completedAt)) : null,
    };
  });
}
