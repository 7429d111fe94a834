/**
 * Văn bản đi on the real server process: who may do what at each step (refusals in Vietnamese), outgoing numbers
 * without gap or duplicate under concurrent issuance, internal dispatch reaching the recipient, revocation
 * propagated to the recipient, and file access for recipients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { api, login, spawnServer, type ServerProcess } from '../helpers/server-process';
import { act, issueArgs, metadata, rowsOf, signedDraft, uploadPdf, uuid, withIds, type OutgoingSession } from '../helpers/outgoing-flow';

describe.each(['pglite', 'postgres'] as const)('outgoing documents on the server (%s)', (backend) => {
  let postgres: TestPostgres | null = null;
  let server: ServerProcess;
  let clerk: OutgoingSession, leader: OutgoingSession, otherLeader: OutgoingSession, unitHead: OutgoingSession;
  let staff: OutgoingSession;
  const people = () => ({ staff, unitHead, clerk, leader });

  beforeAll(async () => {
    if (backend === 'postgres') postgres = await startPostgres();
    server = await spawnServer({ databaseUrl: postgres?.url });
    [clerk, leader, otherLeader, unitHead, staff] = (
      await Promise.all(['vanthu', 'giamdoc', 'phogiamdoc', 'truongphong', 'chuyenvien'].map((u) => login(server.url, u)))
    ).map(withIds) as [OutgoingSession, OutgoingSession, OutgoingSession, OutgoingSession, OutgoingSession];
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    await postgres?.stop();
  });

  it('refuses each step to the wrong role with a Vietnamese reason, and keeps the history with comments', async () => {
    const draftId = uuid();
    const pdf = await uploadPdf(staff);
    const create = { draftId, versionId: uuid(), stepId: uuid(), metadata: metadata(), pdf, docx: null, attachments: [], note: 'Bản đầu' };
    expect((await act(staff, 'outgoing.createDraft', create)).status).toBe('applied');
    // A secret draft cannot hold files on a networked machine.
    const secret = await act(staff, 'outgoing.createDraft', { ...create, draftId: uuid(), metadata: { ...metadata(), secrecy: 'secret' } });
    expect(secret).toMatchObject({ status: 'rejected', code: 'SECRET_FILE_FORBIDDEN' });

    // Only the drafter submits; the signer must be a leader.
    expect(await act(clerk, 'outgoing.submit', { draftId, stepId: uuid(), signerId: leader.user.id, comment: '' })).toMatchObject({
      status: 'rejected', message: 'Chỉ người soạn thảo được sửa hoặc trình dự thảo này.',
    });
    expect((await act(staff, 'outgoing.submit', { draftId, stepId: uuid(), signerId: unitHead.user.id, comment: '' })).message).toMatch(/lãnh đạo/);
    expect((await act(staff, 'outgoing.submit', { draftId, stepId: uuid(), signerId: leader.user.id, comment: 'Kính trình' })).status).toBe('applied');

    // Content check: only the unit head of the drafting unit; the clerk's format check waits for it.
    const decide = (stage: string, decision: string, comment = '') => ({ draftId, stepId: uuid(), stage, decision, comment });
    expect((await act(clerk, 'outgoing.decide', decide('content', 'approve'))).message).toBe('Chỉ trưởng đơn vị soạn thảo được kiểm tra nội dung dự thảo này.');
    expect((await act(clerk, 'outgoing.decide', decide('format', 'approve'))).message).toMatch(/không ở bước này/);
    expect((await act(unitHead, 'outgoing.decide', decide('content', 'return'))).message).toMatch(/ghi ý kiến/);
    expect((await act(unitHead, 'outgoing.decide', decide('content', 'return', 'Bổ sung số liệu quý IV'))).status).toBe('applied');

    // Returned: the drafter uploads a new version and submits again.
    const v2 = await uploadPdf(staff, 'du-thao-v2');
    expect((await act(staff, 'outgoing.addVersion', { draftId, versionId: uuid(), stepId: uuid(), pdf: v2, docx: null, attachments: [], note: 'Đã bổ sung' })).status).toBe('applied');
    expect((await act(staff, 'outgoing.submit', { draftId, stepId: uuid(), signerId: leader.user.id, comment: '' })).status).toBe('applied');
    expect((await act(unitHead, 'outgoing.decide', decide('content', 'approve'))).status).toBe('applied');
    expect((await act(staff, 'outgoing.decide', decide('format', 'approve'))).message).toMatch(/Chỉ văn thư/);
    expect((await act(clerk, 'outgoing.decide', decide('format', 'approve'))).status).toBe('applied');

    // Only the chosen leader signs or returns; the clerk cannot issue before the signature.
    expect((await act(clerk, 'outgoing.issue', issueArgs(draftId, 2031))).message).toMatch(/chưa được lãnh đạo ký duyệt/);
    const signedPdf = await uploadPdf(leader, 'da-ky');
    const sign = { draftId, stepId: uuid(), versionId: uuid(), signedPdf, comment: '' };
    expect((await act(otherLeader, 'outgoing.sign', sign)).message).toBe('Chỉ lãnh đạo được chọn ký mới được ký hoặc trả lại dự thảo này.');
    expect((await act(leader, 'outgoing.sign', { ...sign, stepId: uuid() })).status).toBe('applied');
    expect((await act(leader, 'outgoing.issue', issueArgs(draftId, 2031))).message).toMatch(/Chỉ văn thư được cấp số/);

    const steps = (await rowsOf(staff, 'draftStep')).filter((s) => s.draftId === draftId);
    expect(steps.map((s) => s.action)).toEqual(['create', 'submit', 'return', 'newVersion', 'submit', 'approveContent', 'approveFormat', 'sign']);
    expect(steps.find((s) => s.action === 'return')?.comment).toBe('Bổ sung số liệu quý IV');
    const versions = (await rowsOf(staff, 'draftVersion')).filter((v) => v.draftId === draftId);
    expect(versions.map((v) => [v.versionNo, v.kind])).toEqual([[1, 'draft'], [2, 'draft'], [3, 'signed']]);
    const drafts = await rowsOf(staff, 'outgoingDraft');
    expect(drafts.find((d) => d.id === draftId)?.status).toBe('signed');
  }, 120_000);

  it('allocates outgoing numbers without gap or duplicate when several issuances arrive at once', async () => {
    const year = 2032;
    const drafts = [];
    for (let i = 0; i < 6; i++) drafts.push(await signedDraft(people(), `Văn bản số ${i}`));
    // Six clerk desktops push at the same time (each client pushes in order; clients race each other); then one
    // issuance arrives again from another desktop (a rebuilt outbox) and must not take a second number.
    const desks = await Promise.all(drafts.map(async () => withIds(await login(server.url, 'vanthu'))));
    const results = await Promise.all(drafts.map(async (d, i) => act(desks[i]!, 'outgoing.issue', issueArgs(d, year, { provisionalNumber: 1 }))));
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    expect((await act(clerk, 'outgoing.issue', issueArgs(drafts[0]!, year))).status).toBe('applied');
    const issued = (await rowsOf(clerk, 'outgoingDocument')).filter((d) => d.year === year);
    expect(issued.map((d) => d.number).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(issued.map((d) => d.id))).toEqual(new Set(drafts));
    expect(issued.find((d) => d.number === 1)?.numberText).toBe('01');
  }, 180_000);

  it('delivers to internal recipients at dispatch, lets them read the file, and propagates the revocation', async () => {
    const draftId = await signedDraft(people(), 'Thông báo lịch họp giao ban');
    const recipientId = uuid();
    const recipients = [
      { recipientId, channel: 'user', userId: staff.user.id, unitId: null, organId: null, name: '', email: null, address: null },
      { recipientId: uuid(), channel: 'email', userId: null, unitId: null, organId: null, name: 'Công ty A', email: 'vanthu@congtya.vn', address: null },
    ];
    expect((await act(clerk, 'outgoing.issue', issueArgs(draftId, 2033, { recipients }))).status).toBe('applied');
    // Before the seal the clerk cannot dispatch.
    expect((await act(clerk, 'outgoing.dispatch', { outgoingId: draftId, addRecipients: [] })).message).toMatch(/chưa được ghi số/);
    const sealed = await uploadPdf(clerk, 'ban-phat-hanh');
    expect((await act(staff, 'outgoing.attachIssued', { outgoingId: draftId, issuedPdf: sealed, issuedAttachments: [] })).message).toMatch(/Chỉ văn thư/);
    expect((await act(clerk, 'outgoing.attachIssued', { outgoingId: draftId, issuedPdf: sealed, issuedAttachments: [] })).status).toBe('applied');

    // A unit added at dispatch time.
    const unitRecipient = uuid();
    const addRecipients = [{ recipientId: unitRecipient, channel: 'unit', unitId: unitHead.user.unitId, userId: null, organId: null, name: '', email: null, address: null }];
    expect((await act(clerk, 'outgoing.dispatch', { outgoingId: draftId, addRecipients })).status).toBe('applied');

    const mine = (await rowsOf(staff, 'outgoingRecipient')).filter((r) => r.outgoingId === draftId && r.id === recipientId);
    expect(mine).toMatchObject([{ status: 'delivered', name: 'Đỗ Minh Anh', channel: 'user' }]);
    const doc = (await rowsOf(staff, 'outgoingDocument')).find((d) => d.id === draftId);
    expect(doc).toMatchObject({ status: 'issued', subject: 'Thông báo lịch họp giao ban' });
    const file = await fetch(`${server.url}/api/blobs/${sealed.sha256}`, { headers: { authorization: `Bearer ${staff.token}`, 'x-protocol-version': '1' } });
    expect(file.status).toBe(200);
    // The e-mail recipient stays pending until the desktop reports the SMTP outcome.
    const email = (await rowsOf(clerk, 'outgoingRecipient')).find((r) => r.outgoingId === draftId && r.channel === 'email');
    expect(email?.status).toBe('pending');

    // Revocation: only the clerk; the recipient sees it revoked.
    expect((await act(staff, 'outgoing.revoke', { outgoingId: draftId, stepId: uuid(), reason: 'Sai thời gian họp' })).message).toMatch(/Chỉ văn thư/);
    expect((await act(clerk, 'outgoing.revoke', { outgoingId: draftId, stepId: uuid(), reason: 'Sai thời gian họp' })).status).toBe('applied');
    const after = (await rowsOf(staff, 'outgoingDocument')).find((d) => d.id === draftId);
    expect(after).toMatchObject({ status: 'revoked', revokeReason: 'Sai thời gian họp' });
    expect((await rowsOf(staff, 'outgoingRecipient')).find((r) => r.id === recipientId)?.status).toBe('revoked');
    expect((await act(clerk, 'outgoing.dispatch', { outgoingId: draftId, addRecipients: [] })).message).toMatch(/thu hồi/);
  }, 180_000);

  it('replaces an issued document: the old one is frozen as replaced and its internal deliveries are revoked', async () => {
    const oldId = await signedDraft(people(), 'Kế hoạch cũ');
    const recipientId = uuid();
    const recipients = [{ recipientId, channel: 'unit', unitId: staff.user.unitId, userId: null, organId: null, name: '', email: null, address: null }];
    expect((await act(clerk, 'outgoing.issue', issueArgs(oldId, 2034, { recipients }))).status).toBe('applied');
    const sealed = await uploadPdf(clerk, 'ban-cu');
    expect((await act(clerk, 'outgoing.attachIssued', { outgoingId: oldId, issuedPdf: sealed, issuedAttachments: [] })).status).toBe('applied');
    expect((await act(clerk, 'outgoing.dispatch', { outgoingId: oldId, addRecipients: [] })).status).toBe('applied');
    expect((await rowsOf(staff, 'outgoingRecipient')).find((r) => r.id === recipientId)?.status).toBe('delivered');

    const newId = await signedDraft(people(), 'Kế hoạch thay thế');
    expect((await act(clerk, 'outgoing.issue', issueArgs(newId, 2034, { replacesId: oldId, note: 'Thay thế do sai số liệu' }))).status).toBe('applied');
    const docs = await rowsOf(staff, 'outgoingDocument');
    expect(docs.find((d) => d.id === oldId)).toMatchObject({ status: 'replaced', replacedById: newId, revokeReason: 'Thay thế do sai số liệu' });
    expect((await rowsOf(staff, 'outgoingRecipient')).find((r) => r.id === recipientId)?.status).toBe('revoked');
    const third = await signedDraft(people(), 'Lần thay thế thứ hai');
    expect((await act(clerk, 'outgoing.issue', issueArgs(third, 2034, { replacesId: oldId }))).message).toMatch(/đã bị thu hồi hoặc thay thế/);
  }, 180_000);

  it('keeps drafts away from people who are neither drafter, unit head, signer nor privileged', async () => {
    const draftId = uuid();
    const pdf = await uploadPdf(clerk);
    expect((await act(clerk, 'outgoing.createDraft', { draftId, versionId: uuid(), stepId: uuid(), metadata: metadata('Dự thảo của văn phòng'), pdf, docx: null, attachments: [], note: '' })).status).toBe('applied');
    expect((await rowsOf(staff, 'outgoingDraft')).some((d) => d.id === draftId)).toBe(false);
    expect((await rowsOf(unitHead, 'outgoingDraft')).some((d) => d.id === draftId)).toBe(false);
    expect((await rowsOf(leader, 'outgoingDraft')).some((d) => d.id === draftId)).toBe(true);
    const res = await api(staff, 'GET', `/api/blobs/${pdf.sha256}`);
    expect(res.status).toBe(403);
  }, 60_000);
});
