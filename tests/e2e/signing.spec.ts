/**
 * The leader signs a document's PDF with a USB token, in Chromium: real server (demo seed), a real browser
 * host whose core loads SoftHSM2 (VANBAN_PKCS11_MODULE + SOFTHSM2_CONF) holding the leader's certificate from
 * a test CA that the desktop trusts. A wrong PIN first (clear message, then the "few tries left" warning),
 * then the right one: the result row, the signed file in the viewer and its verification panel.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { todayInVietnam } from '../../src-shared/domain';
import { makeOfficialPdf } from '../../src-server/seed/demo-pdf';
import { createTestPki, type TestPki } from '../helpers/pki';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { createSoftHsm, SOFTHSM_MODULE, type SoftHsm } from '../helpers/softhsm';
import { startDesktopHost, type DesktopHost } from './desktop-host';
import { incomingRow, login, screenshotter, watchPageProblems } from './vanban-ui';

const PASSWORD = 'VanBan@2026';
const PIN = '246810';

let tmp: string;
let server: ServerProcess;
let desktop: DesktopHost;
let pki: TestPki;
let hsm: SoftHsm;

test.beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vanban-e2e-sign-'));
  pki = createTestPki();
  hsm = createSoftHsm();
  hsm.addToken('LANH DAO', PIN);
  hsm.importIdentity('LANH DAO', PIN, pki.leader, '01');
  hsm.importIdentity('LANH DAO', PIN, pki.expired, '02');
  const dataDir = path.join(tmp, 'desktop');
  // The test CA is installed as a trust anchor, as an admin installs the government CA's root.
  mkdirSync(path.join(dataDir, 'trust-anchors'), { recursive: true });
  writeFileSync(path.join(dataDir, 'trust-anchors', 'test-ca.pem'), pki.caPem);
  server = await spawnServer({ dataDir: path.join(tmp, 'server'), seed: 'demo' });
  desktop = await startDesktopHost({
    name: 'leader desktop',
    dataDir,
    serverUrl: server.url,
    env: { VANBAN_PKCS11_MODULE: SOFTHSM_MODULE, ...hsm.env },
  });
});

test.afterAll(async () => {
  await desktop?.stop();
  await server?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
  if (pki) await rm(pki.dir, { recursive: true, force: true });
  if (hsm) await rm(hsm.dir, { recursive: true, force: true });
});

test('leader signs the PDF of a document with the token PIN and sees the verified signature', async ({ browser }) => {
  const shot = screenshotter('signing');
  const page = await (await browser.newContext()).newPage();
  const problems = watchPageProblems(page);
  await page.goto(desktop.url);
  await login(page, 'giamdoc', PASSWORD);
  await expect(page.getByTestId('current-user')).toContainText('Lãnh đạo');

  // Open a seeded document and its PDF: not signed yet.
  const row = incomingRow(page, '245/STC-NS');
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const detail = page.getByRole('dialog').filter({ hasText: 'Tệp văn bản' });
  await expect(detail.locator('[data-testid=pdf-page][data-rendered=true]').first()).toBeVisible({ timeout: 30_000 });
  await expect(detail.getByTestId('signature-panel')).toContainText('Tệp chưa có chữ ký số');
  await shot(page, 'detail-unsigned');

  // Ký số: the certificates on the token, the expired one greyed with its reason.
  await detail.getByTestId('detail-sign').click();
  const dialog = page.getByRole('dialog').filter({ hasText: 'Chứng thư số' });
  const certs = dialog.getByTestId('signing-certificate');
  await expect(certs).toHaveCount(2, { timeout: 30_000 });
  const leaderCert = certs.filter({ hasText: 'Nguyễn Văn Đức' });
  const expiredCert = certs.filter({ hasText: 'Trần Thị Hết Hạn' });
  await expect(leaderCert).toContainText('VanBan Test Root CA');
  await expect(expiredCert).toHaveClass(/is-refused/);
  await expect(expiredCert).toContainText('hết hạn');
  await expect(dialog.getByRole('radio', { checked: true })).toHaveCount(1);
  await shot(page, 'choose-certificate');

  // A wrong PIN first: a clear message, nothing signed.
  await dialog.getByTestId('signing-start').click();
  const pinDialog = page.getByRole('dialog').filter({ hasText: 'Nhập mã PIN của USB ký số' });
  await pinDialog.getByTestId('pin-input').fill('000000');
  await pinDialog.getByRole('button', { name: 'Ký' }).click();
  await expect(pinDialog.getByTestId('pin-error')).toContainText('Mã PIN không đúng');
  // SoftHSM2 sets "count low" after a wrong PIN: the dialog now warns before the next try.
  await expect(pinDialog).toContainText('Sắp hết số lần thử');
  await expect(pinDialog.getByTestId('pin-input')).toHaveValue('');
  await shot(page, 'pin-wrong');

  await pinDialog.getByTestId('pin-input').fill(PIN);
  await pinDialog.getByRole('button', { name: 'Ký' }).click();
  await expect(pinDialog).toBeHidden({ timeout: 60_000 });
  const rowResult = dialog.getByTestId('signing-row');
  await expect(rowResult).toHaveCount(1);
  await expect(rowResult).toContainText('Thành công');
  await expect(dialog.getByTestId('signing-results')).toContainText('Đã ký 1/1 tệp');
  await shot(page, 'signed-results');

  // The signed file opens in the viewer with its verification: valid, signer, CA, time.
  await rowResult.getByRole('button', { name: 'Xem tệp đã ký' }).click();
  const viewer = page.getByTestId('signed-file-viewer');
  await expect(viewer.locator('[data-testid=pdf-page][data-rendered=true]').first()).toBeVisible({ timeout: 30_000 });
  const valid = viewer.getByTestId('signature-panel-valid');
  await expect(valid).toHaveCount(1, { timeout: 30_000 });
  await expect(valid).toContainText('Chữ ký số hợp lệ');
  await expect(valid).toContainText('Nguyễn Văn Đức');
  await expect(valid).toContainText('VanBan Test Root CA');
  await expect(valid).toContainText('chứng thư số do CA tin cậy cấp');
  await expect(viewer.getByTestId('signature-panel-broken')).toHaveCount(0);
  await shot(page, 'signed-file-verified');

  // Trình ký: two PDFs added to a batch, both signed with one PIN entry.
  await page.reload();
  await page.getByRole('menuitem', { name: 'Trình ký' }).click();
  const batch = page.getByTestId('signing-batch-screen');
  const pdfs = await Promise.all(
    ['12/TTr-SNV', '13/BC-SNV'].map((numberNotation) =>
      makeOfficialPdf({ issuer: 'SỞ NỘI VỤ TỈNH SÔNG LAM', numberNotation, title: 'Tờ trình', subject: `Dự thảo ${numberNotation}`, paragraphs: ['Nội dung dự thảo trình ký.'], date: todayInVietnam() }),
    ),
  );
  await batch.locator('input[type=file]').setInputFiles([
    { name: 'to-trinh-12.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfs[0]!) },
    { name: 'bao-cao-13.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfs[1]!) },
  ]);
  await expect(batch.getByRole('checkbox', { checked: true })).toHaveCount(2);
  await shot(page, 'batch-files');
  await batch.getByTestId('batch-sign').click();
  const batchDialog = page.getByRole('dialog').filter({ hasText: 'Trình ký — ký số nhiều tệp' });
  await expect(batchDialog.getByRole('radio', { checked: true })).toHaveCount(1, { timeout: 30_000 });
  await batchDialog.getByTestId('signing-appearance').click();
  await page.locator('.ant-select-item-option', { hasText: 'Ký phụ lục' }).click();
  await batchDialog.getByPlaceholder('Số, ký hiệu').fill('12/TTr-SNV');
  await batchDialog.getByTestId('signing-start').click();
  await pinDialog.getByTestId('pin-input').fill(PIN);
  await pinDialog.getByTestId('pin-input').press('Enter');
  await expect(batchDialog.getByTestId('signing-results')).toContainText('Đã ký 2/2 tệp', { timeout: 60_000 });
  await expect(batchDialog.getByTestId('signing-row').filter({ hasText: 'Thành công' })).toHaveCount(2);
  await shot(page, 'batch-signed');
  await batchDialog.getByTestId('signing-row').filter({ hasText: 'bao-cao-13.pdf' }).getByRole('button', { name: 'Xem tệp đã ký' }).click();
  await expect(viewer.getByTestId('signature-panel-valid')).toContainText('Nguyễn Văn Đức', { timeout: 30_000 });
  await expect(viewer.locator('[data-testid=pdf-page][data-rendered=true]').first()).toBeVisible({ timeout: 30_000 });
  await shot(page, 'batch-file-verified');
  expect(problems).toEqual([]);
});
