/**
 * Routing end to end through real desktop cores and the real server (issue 6): the clerk registers and submits, the
 * leader writes the directive and assigns, the coordinator gives an opinion, the primary handler (offline for part
 * of the time) writes an opinion and asks for an extension, the leader approves, the handler completes with the
 * reply; every core shows the same full history. Then a task with progress and the reminders it raises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerYearOf, todayInVietnam } from '../../src-shared/domain/dates';
import { addCalendarDays } from '../../src-shared/domain/working-days';
import { b64, makePdf } from '../../src-main/core/testing/offline-core';
import { startCore, type StartedCore } from '../helpers/core';
import { DEMO_PASSWORD, spawnServer, type ServerProcess } from '../helpers/server-process';

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, limitMs = 60_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('routing flow across three desktops, one offline part of the time', () => {
  let server: ServerProcess;
  const cores: StartedCore[] = [];
  /** The staff member's network: when false, every request of that desktop fails like a pulled cable. */
  let staffOnline = true;

  const start = async (username: string, fetchImpl?: typeof fetch) => {
    const c = await startCore({ serverUrl: server.url, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    cores.push(c);
    await c.client.call('auth.login', { username, password: DEMO_PASSWORD });
    return c;
  };
  const synced = (c: StartedCore) =>
    waitFor('sync drained', async () => {
      const s = await c.client.call('sync.now', {});
      return s.online && s.pendingMutations === 0 && s.pendingBytes === 0;
    });

  beforeAll(async () => {
    server = await spawnServer({ seed: 'demo' });
  });
  afterAll(async () => {
    for (const c of cores) await c.close().catch(() => {});
    await server?.dispose();
  });

  it('registration → submit → directive → opinions → extension → completion, with the full history everywhere', async () => {
    const clerk = await start('vanthu');
    const leader = await start('giamdoc');
    const staff = await start('chuyenvien', (url, init) =>
      staffOnline ? fetch(url, init) : Promise.reject(new TypeError('fetch failed: network is down')));
    const staffUser = (await staff.client.call('auth.session', {})) as { user: { id: string } };
    const clerkUser = (await clerk.client.call('auth.session', {})) as { user: { id: string } };

    // 1. The clerk registers a document and submits it to the leader.
    const pdf = await makePdf(2, 'Công văn đề nghị báo cáo biên chế');
    const staged = await clerk.client.call('intake.stageFile', { name: 'cv-biên-chế.pdf', contentBase64: b64(pdf) });
    const doc = await clerk.client.call('documents.registerIncoming', {
      issuer: 'Bộ Nội vụ', number: '2150', notation: 'BNV-TCBC', documentDate: `${registerYearOf()}-03-02`, docType: 'CV',
      subject: 'Về việc báo cáo số lượng biên chế năm 2026', urgency: 'urgent', secrecy: 'none', dueDate: null,
      files: [{ sha256: staged.sha256, name: staged.name, role: 'main' }],
    });
    await clerk.client.call('routing.submit', { documentId: doc.id, note: 'Kính trình Giám đốc' });
    await synced(clerk);

    // 2. The leader finds it in the inbox and assigns: primary the staff member (10 working days), coordinator the office.
    const inbox = await waitFor('document in the leader inbox', async () => {
      await leader.client.call('sync.now', {});
      const items = await leader.client.call('routing.leaderInbox', {});
      return items.find((i) => i.document.id === doc.id);
    });
    expect(inbox.syncState).toBe('synced');
    const due = await leader.client.call('deadlines.compute', { amount: 10, unit: 'working' });
    expect(due.workingDays).toBe(10);
    await leader.client.call('routing.assign', {
      documentId: doc.id,
      directive: 'Giao đ/c Anh chủ trì tham mưu báo cáo; Văn phòng phối hợp cung cấp số liệu.',
      assignments: [
        { assigneeUserId: staffUser.user.id, role: 'primary', due: { amount: 10, unit: 'working' } },
        { assigneeUserId: clerkUser.user.id, role: 'coordinator', due: { date: due.dueDate } },
      ],
    });
    // Optimistic: the leader sees the assignment at once, pending until the server confirms it.
    const local = await leader.client.call('routing.getDocument', { documentId: doc.id });
    expect(local.assignments.map((a) => a.syncState)).toEqual(['pending', 'pending']);
    await synced(leader);

    // 3. The staff member receives the document by assignment and reads its PDF.
    const mine = await waitFor('document reaches the primary handler', async () => {
      await staff.client.call('sync.now', {});
      return (await staff.client.call('routing.myDocuments', { role: 'primary' })).find((i) => i.document.id === doc.id);
    });
    expect(mine.assignment).toMatchObject({ role: 'primary', status: 'open', dueDate: due.dueDate, assignedByName: 'Trần Văn Minh' });
    expect(mine.directive).toMatch(/chủ trì tham mưu/);
    const read = await staff.client.call('files.read', { sha256: staged.sha256 });
    expect(Buffer.from(read.contentBase64, 'base64').equals(Buffer.from(pdf))).toBe(true);

    // 4. The coordinator gives an opinion.
    const coord = await waitFor('coordinator sees the assignment', async () => {
      await clerk.client.call('sync.now', {});
      return (await clerk.client.call('routing.myDocuments', { role: 'coordinator' })).find((i) => i.document.id === doc.id);
    });
    await clerk.client.call('routing.addOpinion', { documentId: doc.id, assignmentId: coord.assignment!.id, text: 'Văn phòng gửi số liệu biên chế 6 tháng đầu năm.' });
    await synced(clerk);

    // 5. The staff member goes offline, writes an opinion and asks for an extension: both wait in the outbox.
    staffOnline = false;
    await waitFor('staff desktop notices it is offline', async () => !(await staff.client.call('sync.now', {})).online);
    await staff.client.call('routing.addOpinion', { documentId: doc.id, assignmentId: mine.assignment!.id, text: 'Đã tổng hợp 4/7 đơn vị, chờ số liệu còn lại.' });
    const wanted = addCalendarDays(due.dueDate, 7);
    await staff.client.call('tasks.requestExtension', { assignmentId: mine.assignment!.id, requestedDueDate: wanted, reason: 'Các huyện chưa gửi số liệu' });
    const offlineView = await staff.client.call('routing.getDocument', { documentId: doc.id });
    expect(offlineView.extensionRequests).toEqual([expect.objectContaining({ status: 'pending', syncState: 'pending', requestedDueDate: wanted })]);
    expect(offlineView.history.filter((h) => h.syncState === 'pending').map((h) => h.kind)).toEqual(['opinion', 'extensionRequested']);
    expect((await staff.client.call('sync.status', {})).pendingMutations).toBe(2);

    // 6. Back online: the queue drains; the leader decides the extension.
    staffOnline = true;
    await synced(staff);
    const request = await waitFor('extension request reaches the leader', async () => {
      await leader.client.call('sync.now', {});
      return (await leader.client.call('tasks.extensionRequests', { scope: 'toDecide' })).find((x) => x.documentId === doc.id);
    });
    expect(request).toMatchObject({ requestedByName: 'Đỗ Minh Anh', canDecide: true, subjectTitle: 'Về việc báo cáo số lượng biên chế năm 2026' });
    await leader.client.call('tasks.decideExtension', { requestId: request.id, approve: true, note: 'Đồng ý, hoàn thành trước hạn mới.' });
    await synced(leader);

    // 7. The new deadline reaches the handler, who completes with the reply document.
    await waitFor('extended deadline reaches the handler', async () => {
      await staff.client.call('sync.now', {});
      const d = await staff.client.call('routing.getDocument', { documentId: doc.id });
      return d.assignments.find((a) => a.id === mine.assignment!.id)?.dueDate === wanted;
    });
    const result = await staff.client.call('intake.stageFile', { name: 'bao-cao.pdf', contentBase64: b64(await makePdf(1, 'Báo cáo biên chế')) });
    await staff.client.call('routing.complete', {
      assignmentId: mine.assignment!.id, resultNote: 'Đã báo cáo Bộ Nội vụ', replyNotation: '312/SNV-TCCB',
      files: [{ sha256: result.sha256, name: 'bao-cao.pdf', kind: 'result' }],
    });
    await synced(staff);

    // 8. Every desktop shows the same history: who did what, when, with what directive.
    const final = await waitFor('leader sees the document done', async () => {
      await leader.client.call('sync.now', {});
      const d = await leader.client.call('routing.getDocument', { documentId: doc.id });
      return d.document.status === 'done' ? d : null;
    });
    const steps = final.history.map((h) => [h.kind, h.actorName]);
    expect(steps).toEqual([
      ['submitted', 'Nguyễn Thị Lan'],
      ['directed', 'Trần Văn Minh'],
      ['opinion', 'Nguyễn Thị Lan'],
      ['opinion', 'Đỗ Minh Anh'],
      ['extensionRequested', 'Đỗ Minh Anh'],
      ['extensionApproved', 'Trần Văn Minh'],
      ['completed', 'Đỗ Minh Anh'],
    ]);
    expect(final.history.every((h) => h.syncState === 'synced')).toBe(true);
    expect(final.history[1]?.text).toMatch(/Bút phê: "Giao đ\/c Anh chủ trì.*Xử lý chính: Đỗ Minh Anh/);
    expect(final.assignments.find((a) => a.role === 'primary')).toMatchObject({ status: 'done', replyNotation: '312/SNV-TCCB', dueDate: wanted });
    // The result file is readable by the leader through the opinion it came with.
    const resultOpinion = final.opinions.find((o) => o.files.length > 0)!;
    expect(resultOpinion.files[0]).toMatchObject({ sha256: result.sha256, kind: 'result' });
    const fetched = await leader.client.call('files.read', { sha256: result.sha256 });
    expect(fetched.mime).toBe('application/pdf');
    const staffView = await staff.client.call('routing.getDocument', { documentId: doc.id });
    expect(staffView.history.map((h) => h.id)).toEqual(final.history.map((h) => h.id));
  });

  it('a task: due-soon list, progress report, reminder to the assignee, extension refused after the deadline', async () => {
    const [leader, staff] = [cores[1]!, cores[2]!];
    const staffId = ((await staff.client.call('auth.session', {})) as { user: { id: string } }).user.id;
    const soon = addCalendarDays(todayInVietnam(), 1);
    const reminders: string[] = [];
    staff.client.on('tasks.reminder', (p) => reminders.push(...p.items.map((i) => i.kind)));
    await leader.client.call('tasks.create', {
      title: 'Rà soát quy chế văn thư', due: { date: soon }, assignments: [{ assigneeUserId: staffId, role: 'primary' }],
    });
    await synced(leader);
    const task = await waitFor('task reaches the assignee', async () => {
      await staff.client.call('sync.now', {});
      return (await staff.client.call('tasks.list', { scope: 'mine', filter: 'dueSoon' })).find((t) => t.title === 'Rà soát quy chế văn thư');
    });
    expect(task).toMatchObject({ assignedByName: 'Trần Văn Minh', dueSoon: true, overdue: false, progress: 0 });
    expect((await staff.client.call('tasks.reminders', {})).some((r) => r.kind === 'dueSoon' && r.subjectId === task.id)).toBe(true);
    expect(reminders).toContain('dueSoon');
    await staff.client.call('tasks.report', { assignmentId: task.myAssignment!.id, percent: 60, text: 'Đã rà soát 12/20 điều' });
    expect((await staff.client.call('tasks.get', { taskId: task.id })).progress).toBe(60);
    await synced(staff);
    const seen = await waitFor('leader sees the progress', async () => {
      await leader.client.call('sync.now', {});
      const t = (await leader.client.call('tasks.list', { scope: 'assignedByMe', filter: 'open' })).find((x) => x.id === task.id);
      return t && t.progress === 60 ? t : null;
    });
    expect(seen.primaryAssigneeName).toBe('Đỗ Minh Anh');
    // The desktop itself refuses an extension of an overdue assignment (the server would too).
    const late = await leader.client.call('tasks.create', {
      title: 'Việc đã quá hạn', due: { date: addCalendarDays(todayInVietnam(), -2) }, assignments: [{ assigneeUserId: staffId, role: 'primary' }],
    });
    await synced(leader);
    const overdue = await waitFor('overdue task listed', async () => {
      await staff.client.call('sync.now', {});
      return (await staff.client.call('tasks.list', { scope: 'mine', filter: 'overdue' })).find((t) => t.id === late.id);
    });
    await expect(
      staff.client.call('tasks.requestExtension', { assignmentId: overdue.myAssignment!.id, requestedDueDate: soon, reason: 'Xin thêm thời gian' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/quá hạn/) });
  });
});

