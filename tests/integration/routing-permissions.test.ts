/**
 * The server refuses every routing action a role may not take (issue 6), and allows the permitted one: one test per
 * role and action, against the real server process on PGlite and on a real PostgreSQL. Refusals travel as rejected mutations with a
 * Vietnamese reason; permitted actions show up in what the right people pull.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../src-shared/domain/dates';
import { addCalendarDays } from '../../src-shared/domain/working-days';
import type { AssigneeArgs } from '../../src-shared/sync/mutations-routing';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { pushOne, uid, visibleIds, type PushOutcome } from '../helpers/routing-push';
import { api, incomingArgs, login, mutation, pushMutations, sha256, spawnServer, uploadBlob, type ServerProcess, type Session } from '../helpers/server-process';

const today = todayInVietnam();
const future = addCalendarDays(today, 20);
const past = addCalendarDays(today, -3);

function refused(r: PushOutcome, code: string, words: RegExp): void {
  expect(r.status).toBe('rejected');
  if (r.status !== 'rejected') return;
  expect(r.error.code).toBe(code);
  expect(r.error.message).toMatch(words);
}

describe.each(['pglite', 'postgres'] as const)('routing permissions on the real server (%s)', (backend) => {
  let postgres: TestPostgres | null = null;
  let server: ServerProcess;
  let clerk: Session, leader: Session, leader2: Session, head: Session, staff: Session, admin: Session;
  /** Registers documents with its own mutation ids (the other sessions count theirs in routing-push.ts). */
  let registrar: Session;
  let registrations = 0;
  let tccb: string;
  let file: { sha256: string; size: number };

  beforeAll(async () => {
    if (backend === 'postgres') postgres = await startPostgres();
    server = await spawnServer({ databaseUrl: postgres?.url });
    [clerk, leader, leader2, head, staff, admin] = await Promise.all(
      ['vanthu', 'giamdoc', 'phogiamdoc', 'truongphong', 'chuyenvien', 'quantri'].map((u) => login(server.url, u)),
    ) as [Session, Session, Session, Session, Session, Session];
    registrar = await login(server.url, 'vanthu');
    tccb = head.user.unitId!;
    const bytes = randomBytes(2000);
    await uploadBlob(clerk, bytes);
    file = { sha256: sha256(bytes), size: bytes.length };
  });
  afterAll(async () => {
    await server?.dispose();
    await postgres?.stop();
  });

  async function registered(): Promise<string> {
    const args = incomingArgs([file]);
    const res = await pushMutations(registrar, [mutation(++registrations, args)]);
    expect(res.body.results[0]?.status).toBe('applied');
    return args.documentId as string;
  }
  const person = (s: Session, role: AssigneeArgs['role'], dueDate: string | null = future): AssigneeArgs =>
    ({ assignmentId: uid(), assigneeUserId: s.user.id, assigneeUnitId: null, role, dueDate });
  const unit = (id: string, role: AssigneeArgs['role'], dueDate: string | null = future): AssigneeArgs =>
    ({ assignmentId: uid(), assigneeUserId: null, assigneeUnitId: id, role, dueDate });
  const submit = (s: Session, documentId: string) => pushOne(s, 'document.submit', { documentId, eventId: uid(), leaderId: null, note: '' });
  const assign = (s: Session, documentId: string, assignments: AssigneeArgs[]) =>
    pushOne(s, 'document.assign', { documentId, directiveId: uid(), eventId: uid(), directive: 'Giao phòng TCCB chủ trì', assignments });

  it('document.submit: only the clerk submits to the leader', async () => {
    const doc = await registered();
    for (const s of [staff, head, leader]) refused(await submit(s, doc), 'FORBIDDEN', /Chỉ văn thư/);
    expect(await submit(clerk, doc)).toEqual({ status: 'applied' });
    refused(await submit(clerk, doc), 'CONFLICT', /đã được trình/);
  });

  it('document.assign: only a leader of the organization writes the directive and assigns', async () => {
    const doc = await registered();
    const list = () => [unit(tccb, 'primary'), person(clerk, 'coordinator')];
    for (const s of [clerk, staff, head, admin]) refused(await assign(s, doc, list()), 'FORBIDDEN', /Chỉ lãnh đạo cơ quan/);
    expect(await assign(leader, doc, list())).toEqual({ status: 'applied' });
    refused(await assign(leader2, doc, list()), 'CONFLICT', /đã có người xử lý chính/);
  });

  it('assignment.reassign: a unit head hands on only the work of the unit, only to people of the unit', async () => {
    const doc = await registered();
    const primary = unit(tccb, 'primary');
    const coordinator = person(clerk, 'coordinator');
    await assign(leader, doc, [primary, coordinator]);
    const reassign = (s: Session, assignmentId: string, to: AssigneeArgs[]) => pushOne(s, 'assignment.reassign', { assignmentId, eventId: uid(), note: '', assignments: to });
    refused(await reassign(staff, primary.assignmentId, [person(staff, 'primary')]), 'FORBIDDEN', /trưởng phòng/i);
    refused(await reassign(head, coordinator.assignmentId, [person(staff, 'coordinator')]), 'FORBIDDEN', /đơn vị mình/);
    refused(await reassign(head, primary.assignmentId, [person(clerk, 'primary')]), 'FORBIDDEN', /người trong đơn vị mình/);
    refused(await reassign(head, primary.assignmentId, [person(staff, 'primary', addCalendarDays(future, 5))]), 'INVALID_INPUT', /không được muộn hơn/);
    expect(await visibleIds(staff, 'incomingDocument')).not.toContain(doc);
    expect(await reassign(head, primary.assignmentId, [person(staff, 'primary')])).toEqual({ status: 'applied' });
    // The assignment grants access: the document, its file and its history reach the staff member.
    expect(await visibleIds(staff, 'incomingDocument')).toContain(doc);
    expect([...(await visibleIds(staff, 'routingEvent'))].length).toBeGreaterThanOrEqual(2);
  });

  it('taking an assignment away removes the document from the former assignee (tombstone)', async () => {
    const doc = await registered();
    const primary = unit(tccb, 'primary');
    await assign(leader, doc, [primary]);
    const toStaff = person(staff, 'primary');
    await pushOne(head, 'assignment.reassign', { assignmentId: primary.assignmentId, eventId: uid(), note: '', assignments: [toStaff] });
    expect(await visibleIds(staff, 'incomingDocument')).toContain(doc);
    expect(await pushOne(head, 'assignment.reassign', { assignmentId: toStaff.assignmentId, eventId: uid(), note: 'Anh Huy tự xử lý', assignments: [person(head, 'primary')] }))
      .toEqual({ status: 'applied' });
    expect(await visibleIds(staff, 'incomingDocument')).not.toContain(doc);
    expect(await visibleIds(head, 'incomingDocument')).toContain(doc);
  });

  it('opinion.add, assignment.complete and assignment.return: only on one’s own assignment', async () => {
    const doc = await registered();
    const other = await registered();
    const mine = person(staff, 'primary');
    await assign(leader, doc, [mine]);
    const opinion = (s: Session, documentId: string) =>
      pushOne(s, 'opinion.add', { opinionId: uid(), eventId: uid(), documentId, taskId: null, assignmentId: null, text: 'Đề nghị phòng VP cung cấp số liệu', files: [] });
    refused(await opinion(staff, other), 'FORBIDDEN', /không được giao/);
    expect(await opinion(staff, doc)).toEqual({ status: 'applied' });
    const complete = (s: Session) =>
      pushOne(s, 'assignment.complete', { assignmentId: mine.assignmentId, eventId: uid(), opinionId: uid(), resultNote: 'Đã trả lời', replyNotation: '15/SNV-TCCB', files: [] });
    for (const s of [head, leader, clerk]) refused(await complete(s), 'FORBIDDEN', /Chỉ người được giao/);
    refused(await pushOne(clerk, 'assignment.return', { assignmentId: mine.assignmentId, eventId: uid(), reason: 'Sai đơn vị' }), 'FORBIDDEN', /Chỉ người được giao/);
    expect(await complete(staff)).toEqual({ status: 'applied' });
    refused(await complete(staff), 'CONFLICT', /đã được hoàn thành/);
  });

  it('assignment.return: the assignee sends it back with a reason and the document returns to the leaders', async () => {
    const doc = await registered();
    const mine = person(staff, 'primary');
    await assign(leader, doc, [mine]);
    expect(await pushOne(staff, 'assignment.return', { assignmentId: mine.assignmentId, eventId: uid(), reason: 'Không thuộc lĩnh vực phòng TCCB' }))
      .toEqual({ status: 'applied' });
    const { body } = await api<{ changes: { entity: string; id: string; data?: { status: string } }[] }>(leader, 'GET', '/api/sync/pull?cursor=0&limit=5000');
    expect(body.changes.filter((c) => c.entity === 'incomingDocument' && c.id === doc).at(-1)?.data?.status).toBe('submitted');
  });

  it('task.create: leaders give tasks to anyone, a unit head only inside the unit, others not at all', async () => {
    const create = (s: Session, to: AssigneeArgs[]) =>
      pushOne(s, 'task.create', { taskId: uid(), eventId: uid(), title: 'Rà soát quy chế làm việc', description: '', documentId: null, dueDate: future, assignments: to });
    for (const s of [staff, clerk, admin]) refused(await create(s, [person(staff, 'primary')]), 'FORBIDDEN', /Chỉ lãnh đạo hoặc trưởng phòng/);
    refused(await create(head, [person(clerk, 'primary')]), 'FORBIDDEN', /trong đơn vị mình/);
    expect(await create(head, [person(staff, 'primary')])).toEqual({ status: 'applied' });
    expect(await create(leader, [person(clerk, 'primary')])).toEqual({ status: 'applied' });
  });

  it('task.report and task.requestExtension: only the assignee, and an extension only before the deadline', async () => {
    const taskId = uid();
    const mine = person(staff, 'primary');
    await pushOne(leader, 'task.create', { taskId, eventId: uid(), title: 'Báo cáo biên chế', description: '', documentId: null, dueDate: future, assignments: [mine] });
    const report = (s: Session) => pushOne(s, 'task.report', { reportId: uid(), eventId: uid(), assignmentId: mine.assignmentId, percent: 40, text: 'Đã tổng hợp 3/7 đơn vị' });
    refused(await report(leader), 'FORBIDDEN', /Chỉ người được giao/);
    expect(await report(staff)).toEqual({ status: 'applied' });
    const ask = (s: Session, assignmentId: string, requestedOn = today) =>
      pushOne(s, 'task.requestExtension', { requestId: uid(), eventId: uid(), assignmentId, requestedDueDate: addCalendarDays(future, 10), reason: 'Chờ số liệu của UBND các huyện', requestedOn });
    refused(await ask(leader, mine.assignmentId), 'FORBIDDEN', /Chỉ người được giao/);
    const late = person(staff, 'primary', past);
    await pushOne(leader, 'task.create', { taskId: uid(), eventId: uid(), title: 'Việc đã quá hạn', description: '', documentId: null, dueDate: past, assignments: [late] });
    refused(await ask(staff, late.assignmentId), 'FORBIDDEN', /quá hạn/);
    // A desktop claiming an old date cannot dodge the deadline: the server allows one day of offline delay only.
    refused(await ask(staff, late.assignmentId, addCalendarDays(past, -1)), 'FORBIDDEN', /quá hạn/);
    expect(await ask(staff, mine.assignmentId)).toEqual({ status: 'applied' });
    refused(await ask(staff, mine.assignmentId), 'CONFLICT', /đang chờ duyệt/);
  });

  it('task.decideExtension: only whoever made the assignment decides', async () => {
    const mine = person(staff, 'primary');
    const taskId = uid();
    await pushOne(leader, 'task.create', { taskId, eventId: uid(), title: 'Kế hoạch đào tạo', description: '', documentId: null, dueDate: future, assignments: [mine] });
    const requestId = uid();
    const wanted = addCalendarDays(future, 7);
    await pushOne(staff, 'task.requestExtension', { requestId, eventId: uid(), assignmentId: mine.assignmentId, requestedDueDate: wanted, reason: 'Thêm thời gian lấy ý kiến', requestedOn: today });
    const decide = (s: Session) => pushOne(s, 'task.decideExtension', { requestId, eventId: uid(), approve: true, note: '' });
    for (const s of [staff, head, leader2, admin]) refused(await decide(s), 'FORBIDDEN', /Chỉ người đã giao việc/);
    expect(await decide(leader)).toEqual({ status: 'applied' });
    const { body } = await api<{ changes: { entity: string; id: string; data?: { dueDate: string } }[] }>(staff, 'GET', '/api/sync/pull?cursor=0&limit=5000');
    expect(body.changes.filter((c) => c.entity === 'task' && c.id === taskId).at(-1)?.data?.dueDate).toBe(wanted);
  });

  it('holiday.set: only the admin edits the holiday list, and everyone receives it', async () => {
    const day = { date: '2027-04-30', name: 'Nghỉ lễ', kind: 'holiday' as const, active: true };
    for (const s of [leader, clerk, staff]) refused(await pushOne(s, 'holiday.set', day), 'FORBIDDEN', /Chỉ quản trị/);
    expect(await pushOne(admin, 'holiday.set', { ...day, date: '2027-02-11', name: 'Nghỉ bù Tết' })).toEqual({ status: 'applied' });
    expect(await visibleIds(staff, 'holiday')).toContain('2027-02-11');
  });

  it('workfile.*: the owner adds documents they may see and closes the file; others may not', async () => {
    const workFileId = uid();
    expect(await pushOne(staff, 'workfile.create', { workFileId, code: '03.TCCB', title: 'Hồ sơ tuyển dụng 2026', retentionYears: 20, year: 2026, description: '' }))
      .toEqual({ status: 'applied' });
    refused(await pushOne(head, 'workfile.create', { workFileId: uid(), code: '03.TCCB', title: 'Trùng số', retentionYears: null, year: 2026, description: '' }), 'CONFLICT', /đã có hồ sơ số 03.TCCB/);
    const hidden = await registered();
    const add = (s: Session, documentId: string) => pushOne(s, 'workfile.addDocument', { id: uid(), workFileId, documentId, eventId: uid() });
    refused(await add(leader, hidden), 'FORBIDDEN', /Chỉ người lập hồ sơ/);
    refused(await add(staff, hidden), 'FORBIDDEN', /không xem được văn bản/);
    const mine = await registered();
    await assign(leader, mine, [person(staff, 'primary')]);
    expect(await add(staff, mine)).toEqual({ status: 'applied' });
    refused(await pushOne(head, 'workfile.close', { workFileId, closedAt: today }), 'FORBIDDEN', /Chỉ người lập hồ sơ/);
    expect(await pushOne(staff, 'workfile.close', { workFileId, closedAt: today })).toEqual({ status: 'applied' });
    refused(await add(staff, mine), 'CONFLICT', /đã đóng/);
    expect(await visibleIds(leader, 'workFile')).toContain(workFileId);
  });

  it('reports/usage: leaders read the daily share of users, staff may not', async () => {
    const refusedRes = await api<{ error: { code: string } }>(staff, 'GET', `/api/reports/usage?from=${today}&to=${today}`);
    expect(refusedRes.status).toBe(403);
    const res = await api<{ days: { day: string; activeUsers: number; totalUsers: number }[] }>(leader, 'GET', `/api/reports/usage?from=${today}&to=${today}`);
    expect(res.status).toBe(200);
    // All six demo users signed in during this test run.
    expect(res.body.days).toEqual([expect.objectContaining({ day: today, activeUsers: 6, totalUsers: 6 })]);
  });
});
