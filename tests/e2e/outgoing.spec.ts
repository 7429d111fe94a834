/**
 * Văn bản đi end to end, as the people of the agency on their own desktops: the specialist drafts (PDF + DOCX) and
 * submits to the director; the unit head returns it once with a comment, then approves the new version; the clerk checks
 * the format; the director signs on "Trình ký" with his USB token (SoftHSM2); the clerk allocates the number, writes
 * number/date and the organization's seal with the agency token, sends it to an internal unit and to another agency
 * (edXML). The unit sees it in "Văn bản đến nội bộ"; the issued PDF passes pdfsig (both signatures valid) and
 * qpdf --check; the exported edXML package imports back with the same number, subject and file bytes.
 * Real server, three real browser hosts (each its own core and data dir), real Chromium.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Download, type Page } from '@playwright/test';
import { createNssDb, createTestPki, type TestPki } from '../helpers/pki';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { pdfsig, qpdfCheck, sealImage, signatureImage } from '../helpers/signing-fixtures';
import { createSoftHsm, SOFTHSM_MODULE, type SoftHsm } from '../helpers/softhsm';
import { startDesktopHost, type DesktopHost } from './desktop-host';
import { makeDraftPdf } from './outgoing-draft';
import { login, logout, screenshotter, waitUntilStill, watchPageProblems } from './vanban-ui';

const PASSWORD = 'VanBan@2026';
const LEADER_PIN = '111111';
const ORG_PIN = '222222';
const SUBJECT = 'Kế hoạch chuyển đổi số của Sở Nội vụ năm 2027';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let tmp: string;
let server: ServerProcess;
let unitDesk: DesktopHost;
let clerkDesk: DesktopHost;
let leaderDesk: DesktopHost;
let pki: TestPki;
let hsm: SoftHsm;
let nssDir: string;

test.beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vanban-e2e-out-'));
  pki = createTestPki();
  nssDir = createNssDb(pki);
  hsm = createSoftHsm();
  hsm.addToken('LANH DAO', LEADER_PIN);
  hsm.importIdentity('LANH DAO', LEADER_PIN, pki.leader, '01');
  hsm.addToken('CO QUAN', ORG_PIN);
  hsm.importIdentity('CO QUAN', ORG_PIN, pki.organization, '02');
  server = await spawnServer({ dataDir: path.join(tmp, 'server'), seed: 'demo' });
  const desk = (name: string, token: boolean) => {
    const dataDir = path.join(tmp, name);
    // The test CA is installed as a trust anchor, as an admin installs the government CA's root.
    mkdirSync(path.join(dataDir, 'trust-anchors'), { recursive: true });
    writeFileSync(path.join(dataDir, 'trust-anchors', 'test-ca.pem'), pki.caPem);
    return startDesktopHost({ name, dataDir, serverUrl: server.url, env: token ? { VANBAN_PKCS11_MODULE: SOFTHSM_MODULE, ...hsm.env } : {} });
  };
  // One after the other: three cores starting at once on a busy machine can miss the host's start timeout, and a
  // host that did start must be assigned so afterAll stops it.
  unitDesk = await desk('unit-desk', false);
  clerkDesk = await desk('clerk-desk', true);
  leaderDesk = await desk('leader-desk', true);
});

test.afterAll(async () => {
  // The hosts' logs next to the other e2e results: the first place to look when a desktop stopped answering.
  const logs = path.join(fileURLToPath(new URL('../../test-results/e2e/', import.meta.url)));
  mkdirSync(logs, { recursive: true });
  for (const h of [unitDesk, clerkDesk, leaderDesk]) if (h) writeFileSync(path.join(logs, `outgoing-${h.name}.log`), h.output());
  await Promise.all([unitDesk?.stop(), clerkDesk?.stop(), leaderDesk?.stop()]);
  await server?.dispose();
  for (const dir of [tmp, pki?.dir, hsm?.dir]) if (dir) await rm(dir, { recursive: true, force: true });
});

async function openDesk(browser: Browser, host: DesktopHost, username: string): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  const problems = watchPageProblems(page);
  await page.goto(host.url);
  // A desktop remembers its signed-in user (the clerk's desk is opened again by the second test).
  const loginField = page.getByLabel('Tên đăng nhập');
  await expect(loginField.or(page.getByTestId('current-user'))).toBeVisible({ timeout: 30_000 });
  if (await loginField.isVisible()) await login(page, username, PASSWORD);
  await expect(page.getByTestId('current-user')).toBeVisible({ timeout: 30_000 });
  return { page, problems };
}

/** Closes the open drawer: Esc as a user would, the close button when the focus is not inside it any more. */
async function closeDrawer(page: Page): Promise<void> {
  const open = page.locator('.ant-drawer-open');
  await page.keyboard.press('Escape');
  if (await open.count()) await open.last().locator('.ant-drawer-close').click().catch(() => undefined);
  await expect(open).toHaveCount(0);
}

async function menu(page: Page, label: string): Promise<void> {
  await page.getByRole('menuitem', { name: label }).click();
}

/** Opens the draft's row (waiting for it to arrive by sync) and returns its detail drawer. */
async function openDraft(page: Page, tab: string | null) {
  await menu(page, 'Dự thảo');
  const screen = page.getByTestId('drafts-screen');
  if (tab) await screen.getByRole('tab', { name: tab }).click();
  const row = screen.locator('.ant-table-row', { hasText: SUBJECT });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const detail = page.getByTestId('draft-detail');
  await expect(detail).toBeVisible();
  return detail;
}

async function decide(page: Page, button: string, comment: string): Promise<void> {
  await page.getByTestId('draft-actions').getByRole('button', { name: button }).click();
  await page.getByTestId('decision-comment').fill(comment);
  await page.getByTestId('decision-ok').click();
  await expect(page.getByTestId('decision-comment')).toBeHidden();
}

/** Picks the certificate of `who` in the token dialog, adds the image, enters the PIN. */
async function signWithToken(page: Page, who: string, image: Uint8Array, pin: string): Promise<void> {
  const dialog = page.getByRole('dialog').filter({ has: page.getByTestId('token-sign-summary') });
  const cert = dialog.getByTestId('signing-certificate').filter({ hasText: who });
  await expect(cert).toBeVisible({ timeout: 30_000 });
  await cert.click();
  await dialog.locator('input[type=file]').setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: Buffer.from(image) });
  await dialog.getByTestId('token-sign-start').click();
  const pinBox = page.getByRole('dialog').filter({ hasText: 'Nhập mã PIN của USB ký số' });
  await pinBox.getByTestId('pin-input').fill(pin);
  await pinBox.getByTestId('pin-input').press('Enter');
  await expect(pinBox).toBeHidden({ timeout: 90_000 });
}

async function saved(download: Promise<Download>, dir: string): Promise<{ name: string; bytes: Buffer }> {
  const d = await download;
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), bytes: readFileSync(file) };
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('a draft goes through review, the token signature and issuance to an internal unit and another agency', async ({ browser }) => {
  // Four people, three desktops and two token signatures: longer than the default on a shared machine.
  test.setTimeout(15 * 60_000);
  const shot = screenshotter('outgoing');
  const draftPdf = await makeDraftPdf({ notation: 'KH-SNV', title: 'Kế hoạch', subject: SUBJECT, year: new Date().getFullYear(), signerPosition: 'Giám đốc', signerName: 'Trần Văn Minh' });

  // --- Chuyên viên: the draft with its DOCX, submitted to the director ---
  const unit = await openDesk(browser, unitDesk, 'chuyenvien');
  await menu(unit.page, 'Dự thảo');
  await unit.page.getByTestId('draft-create').click();
  const form = unit.page.getByRole('dialog').filter({ hasText: 'Tạo dự thảo văn bản đi' });
  await form.locator('input[type=file]').setInputFiles([
    { name: 'ke-hoach-cds.pdf', mimeType: 'application/pdf', buffer: Buffer.from(draftPdf) },
    { name: 'ke-hoach-cds.docx', mimeType: DOCX, buffer: Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(256, 7)]) },
  ]);
  await expect(form.getByTestId('staged-file')).toHaveCount(2);
  await expect(form.getByTestId('staged-file').filter({ hasText: 'ke-hoach-cds.docx' })).toContainText('Bản DOCX');
  await form.getByLabel('Trích yếu').fill(SUBJECT);
  await form.getByLabel('Loại văn bản').click();
  await unit.page.locator('.ant-select-item-option', { hasText: 'KH — Kế hoạch' }).click();
  await expect(form.getByLabel('Ký hiệu (không kèm số)')).toHaveValue('KH-SNV');
  await form.getByLabel('Nơi nhận').fill('- Phòng Tổ chức cán bộ;\n- Sở Thông tin và Truyền thông;\n- Lưu: VT, TCCB.');
  await shot(unit.page, 'draft-form');
  await form.getByTestId('draft-save').click();
  let detail = unit.page.getByTestId('draft-detail');
  await expect(detail).toBeVisible({ timeout: 30_000 });
  await expect(detail.getByTestId('draft-status')).toHaveText('Đang soạn thảo');
  await detail.getByRole('button', { name: 'Trình duyệt' }).click();
  await unit.page.getByTestId('submit-signer').click();
  await unit.page.locator('.ant-select-item-option', { hasText: 'Trần Văn Minh' }).click();
  await unit.page.getByTestId('submit-ok').click();
  await expect(detail.getByTestId('draft-status')).toHaveText('Chờ kiểm tra nội dung', { timeout: 30_000 });
  await expect(detail.getByTestId('draft-pending')).toHaveCount(0, { timeout: 30_000 });
  await shot(unit.page, 'draft-submitted');
  await closeDrawer(unit.page);
  await logout(unit.page);

  // --- Trưởng phòng: returns it once with a comment; the specialist's new version; then approves ---
  await login(unit.page, 'truongphong', PASSWORD);
  detail = await openDraft(unit.page, 'Chờ kiểm tra nội dung');
  await decide(unit.page, 'Trả lại', 'Bổ sung tiến độ từng quý vào mục III.');
  await expect(detail.getByTestId('draft-status')).toHaveText('Bị trả lại', { timeout: 30_000 });
  await expect(detail.getByTestId('draft-pending')).toHaveCount(0, { timeout: 30_000 });
  await closeDrawer(unit.page);
  await logout(unit.page);

  await login(unit.page, 'chuyenvien', PASSWORD);
  detail = await openDraft(unit.page, 'Dự thảo của tôi');
  await expect(detail.getByTestId('draft-returned')).toContainText('Bổ sung tiến độ từng quý');
  await shot(unit.page, 'draft-returned');
  await detail.getByRole('button', { name: 'Phiên bản mới' }).click();
  const version = unit.page.getByRole('dialog').filter({ hasText: 'Phiên bản mới' });
  await version.locator('input[type=file]').setInputFiles({ name: 'ke-hoach-cds-v2.pdf', mimeType: 'application/pdf', buffer: Buffer.from(draftPdf) });
  await expect(version.getByTestId('staged-file')).toHaveCount(1);
  await version.getByLabel('Nội dung sửa đổi của phiên bản này').fill('Đã bổ sung tiến độ từng quý.');
  await version.getByTestId('draft-save').click();
  await expect(detail.getByTestId('draft-versions').locator('.ant-list-item')).toHaveCount(2, { timeout: 30_000 });
  await detail.getByRole('button', { name: 'Trình duyệt' }).click();
  await unit.page.getByTestId('submit-ok').click();
  await expect(detail.getByTestId('draft-status')).toHaveText('Chờ kiểm tra nội dung', { timeout: 30_000 });
  await expect(detail.getByTestId('draft-pending')).toHaveCount(0, { timeout: 30_000 });
  await closeDrawer(unit.page);
  await logout(unit.page);

  await login(unit.page, 'truongphong', PASSWORD);
  detail = await openDraft(unit.page, 'Chờ kiểm tra nội dung');
  await decide(unit.page, 'Đồng ý nội dung', 'Đồng ý, chuyển văn thư.');
  await expect(detail.getByTestId('draft-status')).toHaveText('Chờ kiểm tra thể thức', { timeout: 30_000 });
  await expect(detail.getByTestId('draft-history')).toContainText('Trả lại');
  await expect(detail.getByTestId('draft-history')).toContainText('Bổ sung tiến độ từng quý');
  await shot(unit.page, 'draft-content-approved');
  await closeDrawer(unit.page);

  // --- Văn thư: format check ---
  const clerk = await openDesk(browser, clerkDesk, 'vanthu');
  detail = await openDraft(clerk.page, 'Chờ kiểm tra thể thức');
  await decide(clerk.page, 'Đạt thể thức, trình ký', '');
  await expect(detail.getByTestId('draft-status')).toHaveText('Chờ lãnh đạo ký', { timeout: 30_000 });
  await closeDrawer(clerk.page);

  // --- Giám đốc: reads and signs on "Trình ký" with the token ---
  const leader = await openDesk(browser, leaderDesk, 'giamdoc');
  await menu(leader.page, 'Trình ký');
  const toSign = leader.page.getByTestId('drafts-to-sign');
  const item = toSign.getByTestId('draft-to-sign').filter({ hasText: SUBJECT });
  await expect(item).toBeVisible({ timeout: 30_000 });
  await item.getByRole('button', { name: 'Đọc' }).click();
  await expect(leader.page.getByTestId('draft-detail').locator('[data-testid=pdf-page][data-rendered=true]').first()).toBeVisible({ timeout: 30_000 });
  await shot(leader.page, 'leader-reads-draft');
  await closeDrawer(leader.page);
  await expect(leader.page.getByTestId('draft-detail')).toBeHidden();
  await item.getByRole('checkbox').check();
  await shot(leader.page, 'drafts-to-sign');
  await toSign.getByTestId('drafts-sign').click();
  await signWithToken(leader.page, 'Nguyễn Văn Đức', signatureImage(), LEADER_PIN);
  await expect(toSign.getByTestId('draft-to-sign').filter({ hasText: SUBJECT })).toHaveCount(0, { timeout: 30_000 });
  await shot(leader.page, 'leader-signed');

  // --- Văn thư: number, seal, recipients, dispatch ---
  await menu(clerk.page, 'Phát hành, sổ đi');
  const desk = clerk.page.getByTestId('outgoing-screen');
  const waiting = desk.locator('.ant-table-row', { hasText: SUBJECT });
  await expect(waiting).toBeVisible({ timeout: 30_000 });
  await waiting.click();
  await clerk.page.getByTestId('draft-issue').click();
  const issue = clerk.page.getByTestId('issue-drawer');
  const recipients = issue.getByTestId('recipients-editor');
  await waitUntilStill(recipients);
  await recipients.getByLabel('Đơn vị nhận').click();
  await clerk.page.locator('.ant-select-item-option', { hasText: 'Phòng Tổ chức cán bộ' }).click();
  await recipients.getByLabel('Hình thức gửi').click();
  await clerk.page.locator('.ant-select-item-option', { hasText: 'Cơ quan khác (edXML)' }).click();
  await recipients.getByLabel('Mã định danh cơ quan nhận').fill('000.00.12.H58');
  await recipients.getByLabel('Tên cơ quan nhận').fill('Sở Thông tin và Truyền thông tỉnh Sông Lam');
  await recipients.getByLabel('Tên cơ quan nhận').press('Enter');
  await expect(recipients.getByTestId('recipient-row')).toHaveCount(2);
  await shot(clerk.page, 'issue-form');
  await issue.getByTestId('issue-allocate').click();
  const result = clerk.page.getByTestId('issue-result');
  await expect(result).toContainText('Đã cấp số 01/KH-SNV', { timeout: 30_000 });
  await shot(clerk.page, 'issue-number');
  await result.getByTestId('issue-open').click();
  const outgoing = clerk.page.getByTestId('outgoing-detail');
  await expect(outgoing.getByTestId('outgoing-number')).toHaveText('01/KH-SNV');
  await outgoing.getByTestId('outgoing-seal').click();
  await signWithToken(clerk.page, 'Ủy ban nhân dân tỉnh Thử Nghiệm', sealImage(), ORG_PIN);
  await expect(outgoing.getByTestId('issued-stage')).toHaveText('Đã đóng dấu, chờ gửi', { timeout: 30_000 });
  await expect(outgoing.getByTestId('signature-panel-valid')).toHaveCount(2, { timeout: 30_000 });
  await shot(clerk.page, 'issued-sealed');

  const edxmlDownload = clerk.page.waitForEvent('download');
  await outgoing.getByTestId('outgoing-dispatch').click();
  const edxml = await saved(edxmlDownload, tmp);
  await expect(outgoing.getByTestId('dispatch-results')).toBeVisible({ timeout: 30_000 });
  await expect(outgoing.getByTestId('issued-stage')).toHaveText('Đã gửi', { timeout: 30_000 });
  await expect(outgoing.getByTestId('recipients-table')).toContainText('Đã chuyển (nội bộ)');
  await shot(clerk.page, 'dispatched');

  // The issued PDF: both signatures valid for poppler, structure clean for qpdf.
  const pdfDownload = clerk.page.waitForEvent('download');
  await outgoing.getByRole('button', { name: 'Tải về' }).click();
  const issued = await saved(pdfDownload, tmp);
  const signatures = pdfsig(new Uint8Array(issued.bytes), nssDir, tmp);
  expect(signatures.map((s) => [s.signer, s.signatureValid, s.certificateTrusted])).toEqual([
    ['Nguyễn Văn Đức', true, true],
    ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, true],
  ]);
  expect(qpdfCheck(new Uint8Array(issued.bytes), tmp).status).toBe(0);
  await closeDrawer(clerk.page);
  await expect(outgoing).toBeHidden();

  // The register lists it, and the edXML package made here reads back identically.
  await expect(desk.locator('.ant-table-row', { hasText: '01/KH-SNV' })).toContainText(SUBJECT);
  await shot(clerk.page, 'outgoing-register');
  await clerk.page.getByTestId('edxml-import-open').click();
  await clerk.page.getByTestId('edxml-import-drop').locator('input[type=file]').setInputFiles({ name: edxml.name, mimeType: 'application/xml', buffer: edxml.bytes });
  const imported = clerk.page.getByTestId('edxml-document');
  await expect(imported.getByTestId('edxml-number')).toHaveText('01/KH-SNV', { timeout: 30_000 });
  await expect(imported.getByTestId('edxml-subject')).toHaveText(SUBJECT);
  await expect(imported.getByTestId('edxml-files').locator(`[data-sha256="${sha256(issued.bytes)}"]`)).toHaveCount(1);
  // Issued online: the clerk saw the number at once, no later "number allocated" notice.
  await expect(clerk.page.locator('.ant-notification-notice', { hasText: 'Máy chủ đã cấp số' })).toHaveCount(0);
  await shot(clerk.page, 'edxml-reimported');
  await closeDrawer(clerk.page);

  // --- Phòng Tổ chức cán bộ: it is in their incoming (internal) list and opens ---
  await menu(unit.page, 'Văn bản nội bộ');
  const inbox = unit.page.getByTestId('internal-inbox-screen');
  const received = inbox.locator('.ant-table-row', { hasText: '01/KH-SNV' });
  await expect(received).toBeVisible({ timeout: 30_000 });
  await expect(received).toContainText(SUBJECT);
  await received.click();
  await expect(unit.page.locator('[data-testid=pdf-page][data-rendered=true]').first()).toBeVisible({ timeout: 30_000 });
  await expect(unit.page.getByTestId('signature-panel-valid')).toHaveCount(2, { timeout: 30_000 });
  await shot(unit.page, 'unit-inbox');

  expect([...unit.problems, ...clerk.problems, ...leader.problems]).toEqual([]);
});

test('the clerk makes an electronic SAO Y of a received document with the agency token', async ({ browser }) => {
  const shot = screenshotter('outgoing-copy');
  const clerk = await openDesk(browser, clerkDesk, 'vanthu');
  const row = clerk.page.locator('.ant-table-row', { hasText: '245/STC-NS' });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const detail = clerk.page.getByRole('dialog').filter({ hasText: 'Tệp văn bản' });
  await expect(detail.locator('[data-testid=pdf-page][data-rendered=true]').first()).toBeVisible({ timeout: 30_000 });
  await detail.getByRole('button', { name: 'Tạo bản sao' }).click();
  await expect(clerk.page.getByTestId('copy-dialog')).toContainText('Sở Nội vụ tỉnh Sông Lam');
  await clerk.page.getByTestId('copy-dialog').getByRole('radio', { name: /SAO Y/ }).check();
  await shot(clerk.page, 'choose-form');
  const download = clerk.page.waitForEvent('download');
  const dialog = clerk.page.getByRole('dialog').filter({ has: clerk.page.getByTestId('token-sign-summary') });
  // A copy is signed with the agency's token: its certificate is the one offered, not the director's.
  const chosenCert = dialog.locator('.ant-radio-wrapper-checked', { has: clerk.page.getByTestId('signing-certificate') });
  await expect(chosenCert).toHaveCount(1, { timeout: 30_000 });
  await expect(chosenCert).toContainText('Ủy ban nhân dân tỉnh Thử Nghiệm');
  await expect(dialog.getByTestId('token-sign-wrong-kind')).toHaveCount(0);
  await dialog.getByTestId('token-sign-start').click();
  const pinBox = clerk.page.getByRole('dialog').filter({ hasText: 'Nhập mã PIN của USB ký số' });
  await pinBox.getByTestId('pin-input').fill(ORG_PIN);
  await pinBox.getByTestId('pin-input').press('Enter');
  const copy = await saved(download, tmp);
  expect(copy.name).toMatch(/^SAO-Y_/);
  const viewer = clerk.page.getByTestId('signed-file-viewer');
  await expect(viewer.getByTestId('signature-panel-valid')).toContainText('Ủy ban nhân dân tỉnh Thử Nghiệm', { timeout: 30_000 });
  await expect(viewer.locator('[data-testid=pdf-page][data-rendered=true]').first()).toBeVisible({ timeout: 30_000 });
  await shot(clerk.page, 'copy-verified');
  const signatures = pdfsig(new Uint8Array(copy.bytes), nssDir, tmp);
  expect(signatures.map((s) => [s.signer, s.signatureValid, s.certificateTrusted])).toEqual([['Ủy ban nhân dân tỉnh Thử Nghiệm', true, true]]);
  expect(qpdfCheck(new Uint8Array(copy.bytes), tmp).status).toBe(0);
  expect(clerk.problems).toEqual([]);
});
