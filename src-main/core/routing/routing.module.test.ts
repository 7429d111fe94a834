/**
 * Routing on one desktop without a server: confirmed rows come from pull pages, the user's actions show at once as
 * pending, a refusal by the server turns them "rejected" with its reason and leaves the confirmed state as it was.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import type { IncomingDocument } from '../../../src-shared/domain/entities';
import { addCalendarDays } from '../../../src-shared/domain/working-days';
import type { Change } from '../../../src-shared/sync/protocol';
import { applyPullPage } from '../sync/apply-pull';
import { startOfflineCore, type OfflineCore } from '../testing/offline-core';

const cores: OfflineCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

function doc(status: IncomingDocument['status'], createdBy: string): IncomingDocument {
  return {
    id: randomUUID(), registerId: randomUUID(), year: 2026, arrivalNumber: 41, arrivalDate: '2026-03-02', issuer: 'UBND tỉnh', number: '88',
    notation: 'UBND-VX', documentDate: '2026-02-27', docType: 'CV', subject: 'Về việc tổ chức Hội nghị cán bộ công chức', urgency: 'normal',
    secrecy: 'none', dueDate: null, pageCount: 2, recipients: 'Giám đốc', note: '', status, createdBy, createdAt: new Date().toISOString(),
    provisionalNumber: null,
  };
}

let version = 1;
function pull(c: OfflineCore, changes: Omit<Change, 'version'>[]): void {
  applyPullPage(c.core.ctx.replica.sqlite, { changes: changes.map((ch) => ({ ...ch, version: version++ })) as Change[], cursor: version, hasMore: false }, c.user.id);
}

describe('routing module offline', () => {
  it('shows the directive at once as pending; a refusal keeps the document in the inbox with the reason', async () => {
    const leader = await startOfflineCore('leader');
    cores.push(leader);
    const staffId = randomUUID();
    const d = doc('submitted', leader.user.id);
    pull(leader, [
      { entity: 'user', id: leader.user.id, deleted: false, data: leader.user },
      { entity: 'user', id: staffId, deleted: false, data: { ...leader.user, id: staffId, username: 'cv', fullName: 'Đỗ Minh Anh', role: 'staff' } },
      { entity: 'incomingDocument', id: d.id, deleted: false, data: d },
    ]);
    expect((await leader.client.call('routing.leaderInbox', {})).map((i) => i.document.id)).toEqual([d.id]);

    await leader.client.call('routing.assign', {
      documentId: d.id, directive: 'Giao đ/c Anh chuẩn bị', assignments: [{ assigneeUserId: staffId, role: 'primary', due: { amount: 5, unit: 'working' } }],
    });
    const pending = await leader.client.call('routing.getDocument', { documentId: d.id });
    expect(pending.document.status).toBe('assigned');
    expect(pending.assignments).toEqual([expect.objectContaining({ assigneeName: 'Đỗ Minh Anh', role: 'primary', syncState: 'pending', status: 'open' })]);
    expect(pending.history.map((h) => [h.kind, h.syncState])).toEqual([['directed', 'pending']]);
    expect(await leader.client.call('routing.leaderInbox', {})).toEqual([]);
    expect((await leader.client.call('sync.status', {})).pendingMutations).toBe(1);

    // The server refuses it (as it would for a document someone else assigned meanwhile).
    leader.core.ctx.replica.sqlite.prepare("UPDATE outbox SET status = 'rejected', error_code = 'CONFLICT', error_message = ?").run('Văn bản đã có người xử lý chính.');
    const refused = await leader.client.call('routing.getDocument', { documentId: d.id });
    expect(refused.document.status).toBe('submitted');
    expect(refused.assignments[0]).toMatchObject({ syncState: 'rejected', rejectReason: 'Văn bản đã có người xử lý chính.' });
    expect((await leader.client.call('routing.leaderInbox', {})).map((i) => i.document.id)).toEqual([d.id]);
  });

  it('confirmed rows replace pending ones; due-soon assignments raise reminders; staff cannot assign', async () => {
    const staff = await startOfflineCore('staff');
    cores.push(staff);
    const events: string[] = [];
    staff.client.on('tasks.reminder', (p) => events.push(...p.items.map((i) => i.kind)));
    const d = doc('assigned', randomUUID());
    const tomorrow = addCalendarDays(todayInVietnam(), 1);
    const assignment = {
      id: randomUUID(), documentId: d.id, taskId: null, parentId: null, assigneeUserId: staff.user.id, assigneeUnitId: null, role: 'primary' as const,
      dueDate: tomorrow, status: 'open' as const, assignedBy: randomUUID(), directiveId: null, resultNote: '', replyNotation: null, completedAt: null,
      createdAt: new Date().toISOString(),
    };
    pull(staff, [
      { entity: 'incomingDocument', id: d.id, deleted: false, data: d },
      { entity: 'assignment', id: assignment.id, deleted: false, data: assignment },
    ]);
    const [item] = await staff.client.call('routing.myDocuments', { role: 'primary' });
    expect(item?.assignment).toMatchObject({ id: assignment.id, syncState: 'synced', overdue: false });
    const reminders = await staff.client.call('tasks.reminders', {});
    expect(reminders).toEqual([expect.objectContaining({ kind: 'dueSoon', subjectId: d.id, assignmentId: assignment.id })]);

    await staff.client.call('routing.addOpinion', { documentId: d.id, text: 'Đã liên hệ UBND tỉnh' });
    expect(events).toContain('dueSoon');
    const before = await staff.client.call('routing.getDocument', { documentId: d.id });
    const opinion = before.opinions[0]!;
    expect(opinion.syncState).toBe('pending');
    // The pull brings the confirmed opinion (same id) and the push removed the outbox entry.
    staff.core.ctx.replica.sqlite.prepare('DELETE FROM outbox').run();
    const { syncState: _s, rejectReason: _r, authorName: _a, ...confirmed } = opinion;
    pull(staff, [{ entity: 'opinion', id: opinion.id, deleted: false, data: confirmed }]);
    expect((await staff.client.call('routing.getDocument', { documentId: d.id })).opinions.map((o) => o.syncState)).toEqual(['synced']);

    await expect(staff.client.call('routing.assign', {
      documentId: d.id, directive: '', assignments: [{ assigneeUserId: staff.user.id, role: 'primary' }],
    })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A tombstone of the document takes its routing rows with it.
    pull(staff, [{ entity: 'incomingDocument', id: d.id, deleted: true }]);
    expect(await staff.client.call('routing.myDocuments', {})).toEqual([]);
  });

  it('computes deadlines over holidays and lists the days off of a year', async () => {
    const admin = await startOfflineCore('admin');
    cores.push(admin);
    expect(await admin.client.call('deadlines.compute', { from: '2026-02-13', amount: 1, unit: 'working' })).toEqual({ dueDate: '2026-02-23', workingDays: 1 });
    await admin.client.call('holidays.set', { date: '2026-02-23', name: 'Nghỉ bù theo quyết định của tỉnh', kind: 'holiday', active: true });
    expect((await admin.client.call('deadlines.compute', { from: '2026-02-13', amount: 1, unit: 'working' })).dueDate).toBe('2026-02-24');
    const { days } = await admin.client.call('holidays.list', { year: 2026 });
    expect(days.find((x) => x.date === '2026-02-23')).toMatchObject({ source: 'configured' });
    expect(days.filter((x) => x.name === 'Tết Nguyên đán')).toHaveLength(5);
  });
});
