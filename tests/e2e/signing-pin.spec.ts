/**
 * The PIN dialog on the token's last tries, in Chromium with the real renderer, browser host, core, token worker
 * and a SoftHSM2 token. SoftHSM2 never reports "final try" or "locked", so the desktop host runs the worker
 * with the documented TEST SEAM (src-main/core/signing/pin-retry.test-seam.ts, VANBAN_TEST_SEAM_PIN_RETRIES=3)
 * that counts wrong PINs the way the tokens used in Vietnam do. What the leader sees: a wrong PIN, the
 * "few tries left" warning, then the final-try warning whose "Ký" stays disabled until the confirmation is
 * ticked, and a locked token reported as locked with nothing more to try. Also the "Cài đặt ký số" window: the
 * drivers found, a driver file the user picks, and the time-stamping server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
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
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vanban-e2e-pin-'));
  pki = createTestPki();
  hsm = createSoftHsm();
  hsm.addToken('LANH DAO', PIN);
  hsm.importIdentity('LANH DAO', PIN, pki.leader, '01');
  const dataDir = path.join(tmp, 'desktop');
  mkdirSync(path.join(dataDir, 'trust-anchors'), { recursive: true });
  writeFileSync(path.join(dataDir, 'trust-anchors', 'test-ca.pem'), pki.caPem);
  server = await spawnServer({ dataDir: path.join(tmp, 'server'), seed: 'demo' });
  desktop = await startDesktopHost({
    name: 'leader desktop (PIN test seam)',
    dataDir,
    serverUrl: server.url,
    env: { VANBAN_PKCS11_MODULE: SOFTHSM_MODULE, VANBAN_TEST_SEAM_PIN_RETRIES: '3', ...hsm.env },
  });
});

test.afterAll(async () => {
  await desktop?.stop();
  await server?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
  if (pki) await rm(pki.dir, { recursive: true, force: true });
  if (hsm) await rm(hsm.dir, { recursive: true, force: true });
});

test('signing settings, then the final try needs an explicit confirmation and a locked token is reported as locked', async ({ browser }) => {
  const shot = screenshotter('signing-pin');
  const page = await (await browser.newContext()).newPage();
  const problems = watchPageProblems(page);
  await page.goto(desktop.url);
  await login(page, 'giamdoc', PASSWORD);
  const row = incomingRow(page, '245/STC-NS');
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const detail = page.getByRole('dialog').filter({ hasText: 'Tệp văn bản' });
  await detail.getByTestId('detail-sign').click();
  const dialog = page.getByRole('dialog').filter({ hasText: 'Chứng thư số' });
  const cert = dialog.getByTestId('signing-certificate').filter({ hasText: 'Nguyễn Văn Đức' });
  await expect(cert).toBeVisible({ timeout: 30_000 });

  // Cài đặt ký số: drivers found here, a driver file the user picks (absolute path only), the time-stamping server.
  await dialog.getByTestId('signing-settings').click();
  const settings = page.getByRole('dialog').filter({ has: page.getByTestId('signing-modules') });
  await expect(settings.getByTestId('signing-modules')).toContainText(SOFTHSM_MODULE);
  await expect(settings.getByTestId('signing-modules')).toContainText('Có trên máy');

  await settings.getByTestId('signing-module-path').fill('vnptca_p11_v8.dll');
  await settings.getByTestId('signing-module-save').click();
  await expect(settings.getByTestId('signing-module-error')).toContainText('đường dẫn đầy đủ');

  await settings.getByTestId('signing-tsa-url').fill('ftp://ca.gov.vn/tsa');
  await settings.getByTestId('signing-tsa-save').click();
  await expect(settings.getByTestId('signing-tsa-error')).toContainText('http://');
  await settings.getByTestId('signing-tsa-url').fill('http://ca.gov.vn/tsa');
  await settings.getByTestId('signing-tsa-save').click();
  await expect(settings.getByTestId('signing-tsa-saved')).toContainText('kèm dấu thời gian');
  await expect(settings.getByTestId('signing-timestamps')).toContainText('Không có tệp nào đang chờ');
  await shot(page, 'settings');
  // Back to no TSA: the tests never reach the real government server.
  await settings.getByTestId('signing-tsa-url').fill('');
  await settings.getByTestId('signing-tsa-save').click();
  await expect(settings.getByTestId('signing-tsa-saved')).toContainText('không kèm dấu thời gian');
  await settings.locator('.ant-modal-close').click();
  await expect(settings).toBeHidden();

  const pinDialog = page.getByRole('dialog').filter({ hasText: 'Nhập mã PIN của USB ký số' });
  const tryPin = async (pin: string) => {
    await pinDialog.getByTestId('pin-input').fill(pin);
    await pinDialog.getByRole('button', { name: 'Ký' }).click();
  };

  await dialog.getByTestId('signing-start').click();
  await tryPin('000000');
  await expect(pinDialog.getByTestId('pin-error')).toContainText('Còn ít lần thử');
  await expect(pinDialog).toContainText('Sắp hết số lần thử');

  await tryPin('000001');
  await expect(pinDialog.getByTestId('pin-error')).toContainText('Chỉ còn 1 lần thử');
  // The final try: a clear warning, and "Ký" stays disabled until the leader ticks the confirmation.
  await expect(pinDialog.getByTestId('pin-final-warning')).toContainText('lần thử PIN cuối cùng');
  await expect(cert).toContainText('Lần thử PIN cuối cùng');
  await pinDialog.getByTestId('pin-input').fill('000002');
  await expect(pinDialog.getByRole('button', { name: 'Ký' })).toBeDisabled();
  await pinDialog.getByTestId('pin-input').press('Enter');
  await expect(pinDialog.getByTestId('pin-error')).toContainText('Chỉ còn 1 lần thử');
  await shot(page, 'final-try-confirmation');
  await pinDialog.getByTestId('pin-final-confirm').click();
  await expect(pinDialog.getByRole('button', { name: 'Ký' })).toBeEnabled();
  await pinDialog.getByRole('button', { name: 'Ký' }).click();

  // Wrong on the final try: the token is locked, the dialog says so and offers nothing more to try.
  await expect(pinDialog.getByTestId('pin-error')).toContainText('bị khóa');
  await expect(pinDialog.getByTestId('pin-locked')).toContainText('USB ký số đã bị khóa');
  await expect(pinDialog.getByTestId('pin-input')).toBeDisabled();
  await expect(cert).toHaveClass(/is-refused/);
  await expect(cert).toContainText('bị khóa');
  await shot(page, 'locked');
  await expect(dialog.getByTestId('signing-results')).toHaveCount(0);
  expect(problems).toEqual([]);
});

