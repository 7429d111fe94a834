/**
 * The proof of issue 7, with real parts only: a real server process, five real desktop cores, a private SoftHSM2
 * (leader's and organization's tokens), a real SMTP server process, pdfsig and qpdf. A draft goes through content
 * review, format check, the leader's token signature and issuance while the clerk is offline (the number arrives by
 * pull); the issued PDF carries both signatures (pdfsig: valid, qpdf --check: clean); dispatch reaches an internal
 * recipient's list, an e-mail recipient (attachment bytes checked) and another agency as an edXML package that
 * imports back identically; the revocation reaches the internal recipient; the registers print.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { PDFDocument } from '@cantoo/pdf-lib';
import fontkit from '@cantoo/fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src-shared/contract/client';
import { formatPlaceDate, todayInVietnam } from '../../src-shared/domain/dates';
import { createDirectTransport } from '../../src-shared/contract/direct-transport';
import { createCore, type Core } from '../../src-main/core/index';
import { buildEdxmlDocument, parseEdxml, type EdxmlDocument } from '../../src-main/core/edxml/edxml';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { DEMO_PASSWORD, spawnServer, type ServerProcess } from '../helpers/server-process';
import { createSigningTestEnv, LEADER_PIN, ORG_PIN, type SigningTestEnv } from '../helpers/signing-env';
import { FONT_DIR, pdfsig, qpdfCheck, sealImage, signatureImage } from '../helpers/signing-fixtures';
import { attachmentBytes, startSmtpCapture, type SmtpCapture } from '../helpers/smtp-capture';

type Desk = { client: Client; core: Core; dir: string };

let server: ServerProcess;
let proxy: FaultProxy;
let env: SigningTestEnv;
let smtp: SmtpCapture;
const desks: Desk[] = [];
const work = mkdtempSync(join(tmpdir(), 'vanban-outgoing-'));

async function desk(username: string, serverUrl = server.url): Promise<Desk> {
  const dir = mkdtempSync(join(tmpdir(), `vanban-desk-${username}-`));
  const core = await createCore({
    dataDir: dir, serverUrl, appVersion: '0.0.0-test', host: 'direct', trustAnchorsPem: [env.pki.caPem],
    signing: { modulePath: '/usr/lib/softhsm/libsofthsm2.so', tokenClient: { env: env.hsm.env } },
  });
  const client = createClient(createDirectTransport(core.handlers, core.ctx, core.events));
  await client.call('auth.login', { username, password: DEMO_PASSWORD });
  await client.call('sync.now', {});
  const d = { client, core, dir };
  desks.push(d);
  return d;
}

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A draft as staff export it from Word: number and date left blank for the clerk. */
async function draftPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(join(FONT_DIR, 'NotoSerif-Regular.ttf')), { subset: true });
  const bold = await doc.embedFont(readFileSync(join(FONT_DIR, 'NotoSerif-Bold.ttf')), { subset: true });
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('SỞ NỘI VỤ TỈNH SÔNG LAM', { x: 60, y: 780, size: 12, font: bold });
  page.drawText('Số:            /KH-SNV', { x: 90, y: 760, size: 12, font });
  page.drawText('Sông Lam, ngày      tháng      năm 2026', { x: 320, y: 760, size: 12, font });
  page.drawText('KẾ HOẠCH', { x: 260, y: 700, size: 14, font: bold });
  page.drawText('Tổ chức hội nghị tổng kết công tác năm', { x: 170, y: 680, size: 12, font });
  page.drawText('Nội dung kế hoạch, tiếng Việt có dấu đầy đủ.', { x: 60, y: 600, size: 12, font });
  page.drawText('GIÁM ĐỐC', { x: 400, y: 260, size: 12, font: bold });
  page.drawText('Trần Văn Minh', { x: 390, y: 150, size: 12, font: bold });
  return doc.save({ useObjectStreams: false });
}

/** Pushes everything this desk queued and pulls after it (a sync run may already be in flight when one is asked for). */
async function settle(d: Desk): Promise<void> {
  await waitFor('outbox drained', async () => (await d.client.call('sync.now', {})).pendingMutations === 0);
  await d.client.call('sync.now', {});
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytesOf = async (d: Desk, sha256: string) => new Uint8Array(Buffer.from((await d.client.call('files.read', { sha256 })).contentBase64, 'base64'));

beforeAll(async () => {
  env = createSigningTestEnv();
  server = await spawnServer();
  proxy = await startFaultProxy({ target: server.url, seed: 7 });
  smtp = await startSmtpCapture();
}, 180_000);

afterAll(async () => {
  for (const d of desks) await d.core.close().catch(() => undefined);
  for (const d of desks) rmSync(d.dir, { recursive: true, force: true });
  await smtp?.stop();
  await proxy?.close();
  await server?.dispose();
  await env?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('an outgoing document from draft to recipients', () => {
  it('goes through review, the leader token signature, offline issuance and dispatch; both signatures verify', async () => {
    const staff = await desk('chuyenvien');
    const unitHead = await desk('truongphong');
    const leader = await desk('giamdoc');
    const clerk = await desk('vanthu', proxy.url);
    const users = await staff.client.call('directory.users', {});
    const giamdoc = users.find((u) => u.username === 'giamdoc')!;
    const chuyenvien = users.find((u) => u.username === 'chuyenvien')!;

    // 1. Draft with a new version, submitted to the unit head with the chosen leader.
    const staged = await staff.client.call('intake.stageFile', { name: 'du-thao-ke-hoach.pdf', contentBase64: b64(await draftPdf()) });
    const metadata = {
      docType: 'KH' as const, subject: 'Kế hoạch tổ chức hội nghị tổng kết công tác năm', urgency: 'urgent' as const, secrecy: 'none' as const,
      notation: 'KH-SNV', recipientsText: 'Như trên; Lưu: VT, TCCB.', dueDate: null, language: 'vi', pageAmount: 1, description: '', issuedAmount: 3,
    };
    const { id: draftId } = await staff.client.call('outgoing.createDraft', { metadata, pdf: staged, note: 'Bản đầu' });
    await staff.client.call('outgoing.submit', { draftId, signerId: giamdoc.id, comment: 'Kính trình' });
    const mine = await staff.client.call('outgoing.listDrafts', { scope: 'mine' });
    expect(mine.items[0]).toMatchObject({ id: draftId, status: 'contentReview', syncState: 'pending' });
    await settle(staff);
    expect((await staff.client.call('outgoing.getDraft', { id: draftId })).syncState).toBe('synced');

    // 2. Content review by the unit head, format check by the clerk.
    await settle(unitHead);
    const review = await unitHead.client.call('outgoing.listDrafts', { scope: 'review' });
    expect(review.items.map((d) => d.id)).toContain(draftId);
    await expect(staff.client.call('outgoing.decide', { draftId, stage: 'content', decision: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await unitHead.client.call('outgoing.decide', { draftId, stage: 'content', decision: 'approve', comment: 'Đồng ý' });
    await settle(unitHead);
    await settle(clerk);
    await clerk.client.call('outgoing.decide', { draftId, stage: 'format', decision: 'approve', comment: '' });
    await settle(clerk);

    // 3. The leader signs it with the token (approval signature, one PIN for the batch).
    await settle(leader);
    expect((await leader.client.call('outgoing.listDrafts', { scope: 'toSign' })).items.map((d) => d.id)).toEqual([draftId]);
    const { certificates } = await leader.client.call('signing.listTokens', {});
    const leaderCert = certificates.find((c) => c.tokenLabel === 'LANH DAO')!;
    const signed = await leader.client.call('outgoing.sign', {
      draftIds: [draftId], certificateId: leaderCert.id, pin: LEADER_PIN, imageBase64: b64(signatureImage()),
    });
    expect(signed.results[0]?.error).toBeNull();
    expect(signed.results).toMatchObject([{ draftId, ok: true }]);
    await settle(leader);

    // 4. Issuance while the clerk is offline: queued, provisional number, the clerk is told.
    await settle(clerk);
    expect((await clerk.client.call('outgoing.getDraft', { id: draftId })).can.issue).toBe(true);
    proxy.setFaults({ error5xx: 1 });
    const issued = await clerk.client.call('outgoing.issue', {
      draftId,
      recipients: [
        { channel: 'user', userId: chuyenvien.id },
        { channel: 'organ', organId: '000.00.13.H99', name: 'Sở Tài chính tỉnh Sông Lam' },
        { channel: 'email', email: 'vanthu@congty-a.vn', name: 'Công ty TNHH A' },
      ],
    });
    expect(issued).toMatchObject({ provisional: true, number: 1, numberNotation: '01/KH-SNV' });
    expect(issued.message).toMatch(/chờ trong hàng đợi/);
    const pendingList = await clerk.client.call('outgoing.listIssued', {});
    expect(pendingList.items[0]).toMatchObject({ id: draftId, syncState: 'pending', provisional: true, numberNotation: '01/KH-SNV' });
    await expect(clerk.client.call('outgoing.finishIssuance', { outgoingId: draftId, certificateId: 'x', pin: '1' })).rejects.toMatchObject({ code: 'CONFLICT' });

    // Back online: the server's number arrives by pull and the clerk is told.
    const allocated: unknown[] = [];
    const off = clerk.core.events.subscribe((name, p) => {
      if (name === 'outgoing.numberAllocated') allocated.push(p);
    });
    proxy.calm();
    await settle(clerk);
    await waitFor('number allocated event', async () => allocated.length > 0);
    off();
    expect(allocated[0]).toMatchObject({ outgoingId: draftId, number: 1, numberNotation: '01/KH-SNV', provisionalNumber: 1 });
    const confirmed = await clerk.client.call('outgoing.getIssued', { id: draftId });
    expect(confirmed).toMatchObject({ number: 1, syncState: 'synced', signerName: 'Trần Văn Minh', recipientCount: 3 });

    // 5. Number, date and the organization's seal, as incremental updates: both signatures verify.
    const orgCert = (await clerk.client.call('signing.listTokens', {})).certificates.find((c) => c.tokenLabel === 'CO QUAN')!;
    const finished = await clerk.client.call('outgoing.finishIssuance', {
      outgoingId: draftId, certificateId: orgCert.id, pin: ORG_PIN, sealImageBase64: b64(sealImage()),
    });
    const issuedPdf = await bytesOf(clerk, finished.issuedPdf.sha256);
    const sigs = pdfsig(issuedPdf, env.nssDir, work);
    expect(sigs).toHaveLength(2);
    expect(sigs.map((s) => [s.signer, s.signatureValid, s.certificateTrusted])).toEqual([
      ['Nguyễn Văn Đức', true, true],
      ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, true],
    ]);
    writeFileSync(join(work, 'issued.pdf'), issuedPdf);
    const issuedText = execFileSync('pdftotext', ['-layout', join(work, 'issued.pdf'), '-'], { encoding: 'utf8' });
    // The number went into the blank after "Số:" and the issue date into the date line (ND30 format).
    expect(issuedText).toMatch(/Số:\s+01\s*\/KH-SNV/);
    expect(issuedText).toContain(formatPlaceDate('Sông Lam', todayInVietnam()));
    expect(qpdfCheck(issuedPdf, work).status).toBe(0);
    await settle(clerk);

    // 6. Dispatch: internal, e-mail (real SMTP), edXML.
    await clerk.client.call('outgoing.setSmtp', { host: '127.0.0.1', port: smtp.port, secure: false, from: 'vanthu@snv.songlam.gov.vn' });
    const { results } = await clerk.client.call('outgoing.dispatch', { outgoingId: draftId });
    expect(results.map((r) => [r.channel, r.ok])).toEqual(expect.arrayContaining([['user', true], ['organ', true], ['email', true]]));
    const raw = await waitFor('e-mail received', async () => smtp.messages()[0]);
    expect(raw).toMatch(/vanthu@congty-a\.vn/);
    expect(attachmentBytes(raw, finished.issuedPdf.name)?.equals(Buffer.from(issuedPdf))).toBe(true);
    const pkg = results.find((r) => r.channel === 'organ')!.edxml!;
    const xml = Buffer.from(pkg.contentBase64, 'base64').toString('utf8');
    const parsed = parseEdxml(xml);
    expect(parsed).toMatchObject({ kind: 'document', codeNumber: '01', codeNotation: 'KH-SNV', to: [{ organId: '000.00.13.H99' }] });
    expect(buildEdxmlDocument(parsed as EdxmlDocument)).toBe(xml);
    const imported = await clerk.client.call('edxml.import', { contentBase64: pkg.contentBase64 });
    expect(imported).toMatchObject({ kind: 'document', codeNumber: '01', subject: metadata.subject, files: [{ sha256: finished.issuedPdf.sha256 }] });
    await settle(clerk);
    const afterDispatch = await clerk.client.call('outgoing.getIssued', { id: draftId });
    expect(Object.fromEntries(afterDispatch.recipients.map((r) => [r.channel, r.status]))).toEqual({ user: 'delivered', organ: 'sent', email: 'sent' });

    // The internal recipient finds it in their list and opens the file from the server.
    await settle(staff);
    const inbox = await staff.client.call('outgoing.listInbox', {});
    expect(inbox.items).toMatchObject([{ outgoingId: draftId, numberNotation: '01/KH-SNV', status: 'delivered', outgoingStatus: 'issued' }]);
    expect(Buffer.from(await bytesOf(staff, inbox.items[0]!.pdf!.sha256)).equals(Buffer.from(issuedPdf))).toBe(true);

    // A status message from the other agency updates the recipient.
    const statusFile = await clerk.client.call('edxml.statusMessage', { documentId: (parsed as EdxmlDocument).documentId, to: { organId: '000.00.12.H99', organName: 'Sở Nội vụ' }, statusCode: '03' });
    // Made here as our own answer, then re-addressed as if Sở Tài chính had sent it.
    const statusXml = Buffer.from(statusFile.contentBase64, 'base64').toString('utf8');
    const fromOther = statusXml.replace(/(<edXML:From>\s*<edXML:OrganId>)[^<]*/, '$1000.00.13.H99');
    const answered = await clerk.client.call('edxml.import', { contentBase64: Buffer.from(fromOther).toString('base64') });
    expect(answered).toMatchObject({ kind: 'status', statusCode: '03' });
    expect(answered.kind === 'status' && answered.recipientId).toBeTruthy();

    // 7. Revocation reaches the internal recipient; the registers print it.
    await clerk.client.call('outgoing.revoke', { outgoingId: draftId, reason: 'Thay đổi thời gian hội nghị' });
    await settle(clerk);
    await settle(staff);
    expect((await staff.client.call('outgoing.listInbox', {})).items[0]).toMatchObject({ status: 'revoked', outgoingStatus: 'revoked' });
    const today = new Date().toISOString().slice(0, 10);
    const reg = await clerk.client.call('registers.exportOutgoing', { from: '2000-01-01', to: today.replace(/^\d{4}/, (y) => String(Number(y) + 1)), format: 'pdf' });
    const regFile = join(work, reg.fileName);
    writeFileSync(regFile, Buffer.from(reg.contentBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', regFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('01/KH-SNV');
    expect(text).toContain('Trần Văn Minh');
    expect(text).toMatch(/Đã thu hồi/);
  }, 300_000);
});
