/**
 * The foundation slice, as two people on two desktops: the clerk registers incoming mail with a PDF (online,
 * then with the server down), the leader sees it on another desktop and reads the PDF, and when the server
 * comes back the offline entry gets its final number by itself: numbers stay consecutive, no gap, no duplicate.
 * Real server process, two real browser-host processes (each its own core and data dir), real Chromium.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { todayInVietnam } from '../../src-shared/domain';
import { makeOfficialPdf } from '../../src-server/seed/demo-pdf';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { startDesktopHost, type DesktopHost } from './desktop-host';
import { incomingRow, listedArrivalNumbers, login, registerIncoming, registeredNumber, screenshotter, watchPageProblems } from './vanban-ui';

const PASSWORD = 'VanBan@2026';

/** dd/mm/yyyy of today in Vietnam shifted by some days, as a clerk types it. */
function viDate(offsetDays: number): string {
  const d = new Date(`${todayInVietnam()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

async function openDesktop(browser: Browser, host: DesktopHost): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  await page.goto(host.url);
  return { page, problems };
}

let tmp: string;
let server: ServerProcess;
let desktopA: DesktopHost;
let desktopB: DesktopHost;

test.beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vanban-e2e-'));
  server = await spawnServer({ dataDir: path.join(tmp, 'server'), seed: 'demo' });
  [desktopA, desktopB] = await Promise.all([
    startDesktopHost({ name: 'desktop A', dataDir: path.join(tmp, 'desktop-a'), serverUrl: server.url }),
    startDesktopHost({ name: 'desktop B', dataDir: path.join(tmp, 'desktop-b'), serverUrl: server.url }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([desktopA?.stop(), desktopB?.stop()]);
  await server?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('clerk registers online and offline, leader reads the PDF, numbers stay consecutive after sync', async ({ browser }) => {
  const shotA = screenshotter('slice-a');
  const shotB = screenshotter('slice-b');

  // --- Desktop A: the clerk signs in (a wrong password first, as happens) ---
  const { page: clerk, problems: clerkProblems } = await openDesktop(browser, desktopA);
  await expect(clerk.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
  await shotA(clerk, 'login');
  await login(clerk, 'vanthu', 'sai-mat-khau');
  await expect(clerk.getByRole('alert')).toContainText('Sai tên đăng nhập hoặc mật khẩu');
  await shotA(clerk, 'login-wrong-password');
  await login(clerk, 'vanthu', PASSWORD);
  await expect(clerk.getByTestId('current-user')).toContainText('Nguyễn Thị Lan');
  await expect(clerk.getByTestId('current-user')).toContainText('Văn thư');
  await expect(clerk.getByTestId('org-name')).toHaveText('Sở Nội vụ tỉnh Sông Lam');
  await expect(clerk.locator('.ant-table-row').first()).toBeVisible();
  await shotA(clerk, 'incoming-list');

  // --- Online registration with a PDF, fields filled with the keyboard ---
  const pdf1 = await makeOfficialPdf({
    issuer: 'SỞ XÂY DỰNG TỈNH SÔNG LAM',
    numberNotation: '1866/SXD-VP',
    title: '',
    subject: 'V/v góp ý dự thảo Quy chế phối hợp quản lý trật tự xây dựng',
    paragraphs: ['Kính gửi: Sở Nội vụ tỉnh Sông Lam.', 'Sở Xây dựng đề nghị Sở Nội vụ góp ý dự thảo Quy chế kèm theo.'],
    date: todayInVietnam(),
  });
  await registerIncoming(
    clerk,
    {
      issuer: 'Sở Xây dựng tỉnh Sông Lam',
      numberNotation: '1866/SXD-VP',
      documentDate: viDate(-2),
      subject: 'V/v góp ý dự thảo Quy chế phối hợp quản lý trật tự xây dựng',
      urgencySteps: 1,
      dueDate: viDate(7),
      recipients: 'Phòng Xây dựng chính quyền',
    },
    { name: '1866-SXD-VP.pdf', bytes: pdf1 },
  );
  // The number and symbol preselected the type: a symbol without a type abbreviation is a công văn.
  await expect(clerk.getByRole('dialog').locator('.ant-select', { hasText: 'Công văn' })).toBeVisible();
  await shotA(clerk, 'register-form-filled');
  await clerk.keyboard.press('Enter');
  const first = await registeredNumber(clerk);
  await shotA(clerk, 'registered-online');
  await first.dismiss();
  const row1 = incomingRow(clerk, '1866/SXD-VP');
  await expect(row1.getByTestId('sync-state')).toHaveText('Đã đồng bộ', { timeout: 30_000 });
  const n1 = Number(await row1.getByTestId('arrival-number').innerText());
  expect(n1).toBe(first.n);
  await expect(row1).toContainText('Khẩn');
  await shotA(clerk, 'incoming-list-synced');

  // --- Desktop B: the leader sees it after sync and reads the PDF ---
  const { page: leader, problems: leaderProblems } = await openDesktop(browser, desktopB);
  await login(leader, 'giamdoc', PASSWORD);
  await expect(leader.getByTestId('current-user')).toContainText('Lãnh đạo');
  await expect(leader.getByRole('button', { name: 'Vào sổ văn bản đến' })).toHaveCount(0);
  const leaderRow1 = incomingRow(leader, '1866/SXD-VP');
  await expect(leaderRow1).toBeVisible({ timeout: 30_000 });
  await expect(leaderRow1.getByTestId('arrival-number')).toHaveText(String(n1));
  await shotB(leader, 'incoming-list');
  await leaderRow1.click();
  const detail = leader.getByRole('dialog').filter({ hasText: 'Tệp văn bản' });
  await expect(detail.getByTestId('incoming-detail')).toContainText('Sở Xây dựng tỉnh Sông Lam');
  await expect(detail.locator('[data-testid=pdf-page][data-rendered=true]').first()).toBeVisible({ timeout: 30_000 });
  const canvas = await detail.getByTestId('pdf-page').first().boundingBox();
  expect(canvas?.width ?? 0).toBeGreaterThan(300);
  await shotB(leader, 'detail-pdf');
  await leader.keyboard.press('Escape');

  // --- The server goes down ---
  await server.stop();

  // On desktop B the leader signs out and back in: a user never seen on this desktop cannot sign in offline,
  // the leader can, from what this desktop cached, and still has the documents.
  await leader.getByRole('button', { name: 'Đăng xuất' }).click();
  await leader.getByRole('dialog').getByRole('button', { name: 'Đăng xuất' }).click();
  await login(leader, 'vanthu', PASSWORD);
  await expect(leader.getByRole('alert')).toContainText('chưa từng đăng nhập trên máy này');
  await shotB(leader, 'login-offline-unknown-user');
  await login(leader, 'giamdoc', PASSWORD);
  const offlineBanner = leader.getByText('Đang làm việc ngoại tuyến bằng thông tin đăng nhập đã lưu');
  await expect(offlineBanner).toBeVisible();
  await expect(incomingRow(leader, '1866/SXD-VP')).toBeVisible();
  await shotB(leader, 'offline-unlocked');

  // --- The clerk keeps working ---
  const pdf2 = await makeOfficialPdf({
    issuer: 'SỞ TÀI CHÍNH TỈNH SÔNG LAM',
    numberNotation: '310/STC-QLNS',
    title: '',
    subject: 'V/v lập dự toán ngân sách năm sau',
    paragraphs: ['Kính gửi: Các sở, ban, ngành.', 'Đề nghị các cơ quan lập dự toán và gửi về Sở Tài chính.'],
    date: todayInVietnam(),
  });
  await registerIncoming(
    clerk,
    {
      issuer: 'Sở Tài chính tỉnh Sông Lam',
      numberNotation: '310/STC-QLNS',
      documentDate: viDate(-1),
      subject: 'V/v lập dự toán ngân sách năm sau',
      urgencySteps: 0,
      dueDate: viDate(10),
      recipients: 'Văn phòng',
    },
    { name: '310-STC-QLNS.pdf', bytes: pdf2 },
  );
  await clerk.keyboard.press('Enter');
  const second = await registeredNumber(clerk);
  expect(second.provisional).toBe(true);
  await second.dismiss();
  const row2 = incomingRow(clerk, '310/STC-QLNS');
  await expect(row2.getByTestId('sync-state')).toHaveText('Chờ đồng bộ');
  await expect(row2.getByTestId('arrival-number')).toHaveText(`${second.n} (tạm)`);
  await expect(clerk.getByTestId('sync-indicator')).toContainText('Ngoại tuyến', { timeout: 30_000 });
  await expect(clerk.getByTestId('sync-indicator')).toContainText('1 thay đổi chờ đồng bộ');
  await shotA(clerk, 'registered-offline-pending');
  await clerk.getByTestId('sync-indicator').click();
  const syncDetails = clerk.locator('.ant-popover', { hasText: 'Tình trạng đồng bộ' });
  await expect(syncDetails).toContainText('Mất kết nối — dữ liệu vẫn lưu trên máy');
  await expect(syncDetails).toContainText('1 thay đổi');
  await shotA(clerk, 'sync-details-offline');
  await clerk.keyboard.press('Escape');
  await clerk.getByRole('heading', { name: 'Văn bản đến' }).click();

  // --- The server comes back: without any click the row gets its final number ---
  await server.restart();
  await expect(row2.getByTestId('sync-state')).toHaveText('Đã đồng bộ', { timeout: 90_000 });
  await expect(row2.getByTestId('arrival-number')).toHaveText(String(n1 + 1));
  await expect(clerk.getByTestId('sync-indicator')).toContainText('Trực tuyến');
  await shotA(clerk, 'synced-after-restart');

  const numbers = (await listedArrivalNumbers(clerk)).map((t) => {
    expect(t, 'no provisional number left').not.toContain('tạm');
    return Number(t);
  });
  const sorted = [...numbers].sort((a, b) => a - b);
  expect(new Set(sorted).size, 'no duplicate arrival number').toBe(sorted.length);
  expect(sorted, 'consecutive arrival numbers, no gap').toEqual(Array.from({ length: sorted.length }, (_, i) => i + 1));

  // The leader's desktop confirms the offline sign-in by itself and receives the offline entry with its final number.
  await expect(offlineBanner).toBeHidden({ timeout: 60_000 });
  await expect(incomingRow(leader, '310/STC-QLNS').getByTestId('arrival-number')).toHaveText(String(n1 + 1), { timeout: 60_000 });
  await shotB(leader, 'incoming-list-after-sync');

  // The PDF worker, styles and sockets all ran under the strict CSP, and nothing threw.
  expect(clerkProblems).toEqual([]);
  expect(leaderProblems).toEqual([]);
});
