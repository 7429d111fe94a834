/**
 * The clerk's everyday edges on one desktop, against a real server: a wrong server address at login, a
 * duplicate warning that shows the earlier entry, a secret document registered without its file, accent-free
 * search, and signing out.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { todayInVietnam } from '../../src-shared/domain';
import { makeOfficialPdf } from '../../src-server/seed/demo-pdf';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { startDesktopHost, type DesktopHost } from './desktop-host';
import { incomingRow, login, registerIncoming, registeredNumber, screenshotter } from './vanban-ui';

let tmp: string;
let server: ServerProcess;
let desktop: DesktopHost;

test.beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vanban-e2e-reg-'));
  server = await spawnServer({ dataDir: path.join(tmp, 'server'), seed: 'demo' });
  desktop = await startDesktopHost({ name: 'desktop', dataDir: path.join(tmp, 'desktop'), serverUrl: server.url });
});

test.afterAll(async () => {
  await desktop?.stop();
  await server?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('clerk: wrong server address, duplicate warning, secret document, accent-free search, sign out', async ({ page }) => {
  const shot = screenshotter('registration');
  const today = todayInVietnam();
  const [y, m, d] = today.split('-');
  const todayVi = `${d}/${m}/${y}`;

  // A wrong server address says so, and where to fix it.
  await page.goto(desktop.url);
  await page.getByText('Máy chủ', { exact: true }).click();
  const address = page.getByLabel('Địa chỉ máy chủ của cơ quan');
  await expect(address).toHaveValue(server.url);
  await address.fill('http://127.0.0.1:9');
  await login(page, 'vanthu', 'VanBan@2026');
  // Never signed in on this desktop: nothing to unlock offline either, and the message says both.
  await expect(page.getByRole('alert')).toContainText('Không kết nối được máy chủ');
  await expect(page.getByRole('alert')).toContainText('chưa từng đăng nhập trên máy này');
  await expect(page.getByRole('alert')).toContainText('http://127.0.0.1:9');
  await shot(page, 'login-server-unreachable');
  await address.fill(server.url);
  await login(page, 'vanthu', 'VanBan@2026');
  await expect(page.getByTestId('current-user')).toContainText('Văn thư');
  await expect(incomingRow(page, '1866/UBND-VX')).toBeVisible();

  // The same document again: the clerk sees the earlier entry and decides.
  const pdf = await makeOfficialPdf({
    issuer: 'ỦY BAN NHÂN DÂN TỈNH SÔNG LAM',
    numberNotation: '1866/UBND-VX',
    title: '',
    subject: 'V/v tăng cường công tác cải cách hành chính',
    paragraphs: ['Kính gửi: Sở Nội vụ tỉnh Sông Lam.'],
    date: today,
  });
  const seeded = incomingRow(page, '1866/UBND-VX');
  const seededNumber = await seeded.getByTestId('arrival-number').innerText();
  await registerIncoming(
    page,
    {
      issuer: 'UBND tỉnh Sông Lam',
      numberNotation: '1866/UBND-VX',
      documentDate: todayVi,
      subject: 'V/v tăng cường công tác cải cách hành chính (bản gửi lại)',
      urgencySteps: 0,
      dueDate: '',
      recipients: 'Văn phòng',
    },
    { name: 'gui-lai.pdf', bytes: pdf },
    'drop',
  );
  await expect(page.getByTestId('staged-file')).toContainText('gui-lai.pdf');
  await page.keyboard.press('Enter');
  const warning = page.getByRole('dialog').filter({ hasText: 'Văn bản này có thể đã được vào sổ' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(`Số đến ${seededNumber}`);
  await shot(page, 'duplicate-warning');
  await warning.getByRole('button', { name: 'Không vào sổ' }).click();
  await expect(warning).toBeHidden();
  await page.getByRole('button', { name: 'Hủy' }).click();
  await expect(page.locator('.ant-table-row', { hasText: '(bản gửi lại)' })).toHaveCount(0);

  // A secret document: no file zone, a clear reason, and it is registered from its metadata alone.
  // The cancelled form was discarded: nothing of the other document is left in it.
  await page.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
  const drawer = page.getByRole('dialog').filter({ hasText: 'Tệp văn bản' });
  await expect(drawer.getByLabel('Trích yếu')).toHaveValue('');
  await expect(drawer.getByTestId('staged-file')).toHaveCount(0);
  // The drawer moves the focus to its first field once it has opened; a dropdown opened before that would close.
  await expect(drawer.getByLabel('Cơ quan ban hành')).toBeFocused();
  await drawer.getByLabel('Độ mật').click();
  await page.locator('.ant-select-item-option', { hasText: /^Mật$/ }).click();
  await expect(drawer.getByText('Văn bản mật chỉ vào sổ thông tin, không lưu tệp')).toBeVisible();
  await expect(drawer.getByTestId('file-drop-zone')).toHaveCount(0);
  await drawer.getByLabel('Độ mật').click();
  await page.locator('.ant-select-item-option', { hasText: 'Không mật' }).click();
  await expect(drawer.getByTestId('file-drop-zone')).toBeVisible();
  await drawer.getByLabel('Độ mật').click();
  await page.locator('.ant-select-item-option', { hasText: /^Mật$/ }).click();
  await drawer.getByLabel('Cơ quan ban hành').fill('Công an tỉnh Sông Lam');
  await drawer.getByLabel('Số, ký hiệu').fill('77/CAT-PV01');
  await drawer.getByLabel('Ngày văn bản').fill(todayVi);
  await drawer.getByLabel('Ngày văn bản').press('Tab');
  await drawer.getByLabel('Trích yếu').fill('V/v bảo đảm an ninh trật tự dịp cuối năm');
  await shot(page, 'secret-document-form');
  await drawer.getByLabel('Trích yếu').press('Enter');
  const secret = await registeredNumber(page);
  expect(secret.n).toBeGreaterThan(0);
  expect(secret.text).toContain('sổ văn bản đến mật');
  await shot(page, 'secret-document-registered');
  await secret.dismiss();
  const secretRow = incomingRow(page, '77/CAT-PV01');
  await expect(secretRow).toContainText('Mật');
  // Secret documents have their own number series: the list marks it so equal numbers do not confuse.
  await expect(secretRow.locator('td').first()).toHaveText(`${secret.n} M`);
  await expect(secretRow.getByTestId('sync-state')).toHaveText('Đã đồng bộ', { timeout: 30_000 });

  // Search without accents finds accented text.
  await page.getByLabel('Tìm văn bản đến').fill('cai cach hanh chinh');
  await expect(incomingRow(page, '1866/UBND-VX')).toBeVisible();
  await expect(incomingRow(page, '77/CAT-PV01')).toHaveCount(0);
  await shot(page, 'search-without-accents');
  await page.getByLabel('Tìm văn bản đến').fill('');

  // Sign out asks first, then returns to the login screen with the last user name kept.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await shot(page, 'sign-out-confirm');
  await page.getByRole('dialog').getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
  await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('vanthu');
  await shot(page, 'signed-out');
});
