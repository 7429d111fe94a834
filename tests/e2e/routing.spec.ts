/**
 * Routing and handling (issue 6, point 7) across three desktops and four people: the clerk registers a document and
 * submits it; the director writes a bút phê assigning a primary handler (chuyên viên) and a coordinator (trưởng phòng)
 * with working-day deadlines; the coordinator gives an opinion; the primary handler — offline for part of the time —
 * asks for an extension before the deadline, which reaches the director once the network is back; the director
 * approves; the primary handler completes with the reply's number. Every step shows in the document's history.
 * Real server process, real browser-host processes (each its own core and data dir), real Chromium; the primary
 * handler's desktop talks to the server through a proxy that the test cuts to take that one user offline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { todayInVietnam } from '../../src-shared/domain';
import { makeOfficialPdf } from '../../src-server/seed/demo-pdf';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { startDesktopHost, type DesktopHost } from './desktop-host';
import { login, logout, registerIncoming, registeredNumber, screenshotter, watchPageProblems } from './vanban-ui';

const PASSWORD = 'VanBan@2026';
const NOTATION = '215/UBND-NC';
const SUBJECT = 'V/v rà soát, báo cáo tình hình thực hiện quy chế văn hóa công sở năm 2026';

function viDate(offsetDays: number): string {
  const d = new Date(`${todayInVietnam()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

async function openDesktop(browser: Browser, host: DesktopHost): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext()).newPage();
  const problems = watchPageProblems(page);
  await page.goto(host.url);
  return { page, problems };
}

async function menu(page: Page, label: string): Promise<void> {
  await page.getByRole('menuitem', { name: label }).click();
  await expect(page.getByRole('heading', { name: label === 'Báo cáo' ? 'Báo cáo tình hình xử lý' : label })).toBeVisible();
}

/** Picks an option of an antd Select by typing part of its label (accent-free works too). */
async function pick(page: Page, select: Locator, text: string, option: string | RegExp, closeBy?: Locator): Promise<void> {
  await select.click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  // A single select closes itself; a multiple one stays open until a click elsewhere (Escape would close the drawer).
  if (closeBy) await closeBy.click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

/** Waits until the desktop says everything is on the server (no pending change). */
async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-indicator')).toContainText('Trực tuyến', { timeout: 60_000 });
  await expect(page.getByTestId('sync-indicator')).not.toContainText('chờ đồng bộ', { timeout: 60_000 });
}

async function syncNow(page: Page): Promise<void> {
  await page.getByTestId('sync-indicator').click();
  await page.locator('.ant-popover').getByRole('button', { name: /Đồng bộ ngay/ }).click();
  await page.keyboard.press('Escape');
}

function docRow(page: Page): Locator {
  return page.locator('.ant-table-row', { hasText: NOTATION });
}

function handling(page: Page): Locator {
  return page.getByRole('dialog').filter({ hasText: 'Xử lý văn bản đến số' });
}

async function openHistory(page: Page): Promise<Locator> {
  const drawer = handling(page);
  await drawer.getByRole('tab', { name: 'Lịch sử xử lý' }).click();
  return drawer.getByTestId('draft-history');
}

let tmp: string;
let server: ServerProcess;
let proxy: FaultProxy;
let desktopL: DesktopHost;
let desktopP: DesktopHost;
let desktopC: DesktopHost;

test.beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vanban-e2e-routing-'));
  server = await spawnServer({ dataDir: path.join(tmp, 'server'), seed: 'demo' });
  proxy = await startFaultProxy({ target: server.url, seed: 6 });
  // One after the other: three cores compiling at once on a shared two-core machine can miss the start timeout.
  desktopL = await startDesktopHost({ name: 'clerk and leader', dataDir: path.join(tmp, 'desktop-l'), serverUrl: server.url });
  desktopP = await startDesktopHost({ name: 'primary handler', dataDir: path.join(tmp, 'desktop-p'), serverUrl: proxy.url });
  desktopC = await startDesktopHost({ name: 'coordinator', dataDir: path.join(tmp, 'desktop-c'), serverUrl: server.url });
});

test.afterAll(async () => {
  await Promise.all([desktopL?.stop(), desktopP?.stop(), desktopC?.stop()]);
  await proxy?.close();
  await server?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('a document goes from registration through assignment, opinion, an offline extension request and approval to done', async ({ browser }) => {
  const shot = screenshotter('routing');

  // --- The clerk registers the document and submits it to the leaders ---
  const { page: desk, problems: deskProblems } = await openDesktop(browser, desktopL);
  await login(desk, 'vanthu', PASSWORD);
  await expect(desk.getByTestId('current-user')).toContainText('Văn thư');
  const pdf = await makeOfficialPdf({
    issuer: 'ỦY BAN NHÂN DÂN TỈNH SÔNG LAM',
    numberNotation: NOTATION,
    title: '',
    subject: SUBJECT,
    paragraphs: ['Kính gửi: Sở Nội vụ.', 'Đề nghị Sở Nội vụ rà soát và báo cáo trước ngày 15 tháng sau.'],
    date: todayInVietnam(),
  });
  await registerIncoming(
    desk,
    {
      issuer: 'Ủy ban nhân dân tỉnh Sông Lam',
      numberNotation: NOTATION,
      documentDate: viDate(-1),
      subject: SUBJECT,
      urgencySteps: 0,
      dueDate: viDate(20),
      recipients: 'Giám đốc',
    },
    { name: '215-UBND-NC.pdf', bytes: pdf },
  );
  await desk.keyboard.press('Enter');
  await (await registeredNumber(desk)).dismiss();
  await synced(desk);
  await menu(desk, 'Văn bản chờ trình');
  await expect(docRow(desk)).toBeVisible();
  await shot(desk, 'clerk-submit-queue');
  await docRow(desk).getByRole('button', { name: 'Trình' }).click();
  const submit = desk.getByRole('dialog').filter({ hasText: 'Trình lãnh đạo cho ý kiến' });
  await pick(desk, submit.getByLabel('Lãnh đạo nhận'), 'Tran Van Minh', 'Trần Văn Minh');
  await submit.getByLabel('Ghi chú khi trình').fill('Văn bản của UBND tỉnh, đề nghị Giám đốc cho ý kiến.');
  await shot(desk, 'clerk-submit-dialog');
  await submit.getByRole('button', { name: 'Trình', exact: true }).click();
  await expect(docRow(desk)).toHaveCount(0, { timeout: 30_000 });
  await synced(desk);

  // --- The director signs in on the same desktop and writes the bút phê ---
  await logout(desk);
  await login(desk, 'giamdoc', PASSWORD);
  await expect(desk.getByTestId('current-user')).toContainText('Giám đốc');
  await menu(desk, 'Văn bản chờ cho ý kiến');
  await expect(docRow(desk)).toBeVisible({ timeout: 60_000 });
  await shot(desk, 'leader-inbox');
  await docRow(desk).click();
  await expect(handling(desk).locator('[data-testid=pdf-page][data-rendered=true]').first()).toBeVisible({ timeout: 30_000 });
  await shot(desk, 'leader-reads-document');
  await handling(desk).getByRole('button', { name: 'Bút phê, phân công' }).click();
  const directive = desk.getByRole('dialog').filter({ hasText: 'Bút phê, phân công xử lý' });
  await directive.getByLabel('Ý kiến bút phê').fill('Giao Phòng TCCB (đ/c Minh Anh) chủ trì tham mưu báo cáo; đ/c Huy phối hợp, kiểm tra số liệu.');
  await pick(desk, directive.getByTestId('assign-primary'), 'Do Minh Anh', 'Đỗ Minh Anh');
  await pick(desk, directive.getByTestId('assign-coordinators'), 'Pham Quoc Huy', 'Phạm Quốc Huy', directive.getByTestId('directive-doc'));
  // The primary handler gets 5 working days; the coordinator follows that deadline until given one of its own.
  const dues = directive.getByTestId('assignment-dues');
  // The document's own deadline is offered first; the director gives 5 working days instead.
  await expect(dues.getByTestId('deadline-result').first()).toContainText(viDate(20));
  await dues.locator('.ant-table-row').first().getByText('Ngày làm việc').click();
  await dues.getByLabel('Hạn xử lý của Đỗ Minh Anh: số ngày').fill('5');
  await expect(dues.getByTestId('deadline-result').first()).toContainText('→');
  const dueText = (await dues.getByTestId('deadline-result').first().innerText()).replace('→', '').trim();
  await shot(desk, 'leader-directive-form');
  await directive.getByTestId('directive-send').click();
  await expect(directive).toBeHidden();
  await expect(handling(desk).getByTestId('directive-box')).toContainText('Giao Phòng TCCB');
  await expect(handling(desk).getByTestId('assignments')).toContainText('Đỗ Minh Anh');
  await expect(handling(desk).getByTestId('assignments')).toContainText('Phạm Quốc Huy');
  await synced(desk);
  await shot(desk, 'leader-assigned');
  await desk.keyboard.press('Escape');

  // --- The coordinator (trưởng phòng) gives an opinion ---
  const { page: coord, problems: coordProblems } = await openDesktop(browser, desktopC);
  await login(coord, 'truongphong', PASSWORD);
  await menu(coord, 'Văn bản cần xử lý');
  await coord.getByRole('tab', { name: 'Phối hợp' }).click();
  await expect(docRow(coord)).toBeVisible({ timeout: 60_000 });
  await shot(coord, 'coordinator-list');
  await docRow(coord).click();
  await handling(coord).getByRole('button', { name: 'Cho ý kiến' }).click();
  const opinion = coord.getByRole('dialog').filter({ hasText: 'Cho ý kiến xử lý' });
  await opinion.getByLabel('Nội dung ý kiến').fill('Số liệu năm 2025 của Phòng TCCB đã rà soát xong, đề nghị đ/c Minh Anh tổng hợp vào báo cáo.');
  await shot(coord, 'coordinator-opinion');
  await opinion.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await expect(opinion).toBeHidden();
  await synced(coord);

  // --- The primary handler reads it, then loses the network and asks for an extension ---
  const { page: primary, problems: primaryProblems } = await openDesktop(browser, desktopP);
  await login(primary, 'chuyenvien', PASSWORD);
  await menu(primary, 'Văn bản cần xử lý');
  await expect(docRow(primary)).toBeVisible({ timeout: 60_000 });
  await expect(docRow(primary)).toContainText('Xử lý chính');
  await shot(primary, 'primary-list');
  await docRow(primary).click();
  await handling(primary).getByRole('tab', { name: /Ý kiến xử lý/ }).click();
  await expect(handling(primary).getByTestId('opinions')).toContainText('Số liệu năm 2025', { timeout: 60_000 });
  await shot(primary, 'primary-reads-opinion');

  proxy.setFaults({ dropRequest: 1 });
  proxy.cutAll();
  await expect(primary.getByTestId('sync-indicator')).toContainText('Ngoại tuyến', { timeout: 90_000 });
  await handling(primary).getByRole('button', { name: 'Xin gia hạn' }).click();
  const ext = primary.getByRole('dialog').filter({ hasText: 'Xin gia hạn xử lý' });
  await ext.getByLabel('Gia hạn đến ngày').fill(viDate(30));
  await ext.getByLabel('Gia hạn đến ngày').press('Enter');
  await ext.getByLabel('Lý do xin gia hạn').fill('Chờ số liệu của các phòng chuyên môn, cần thêm thời gian tổng hợp.');
  await shot(primary, 'primary-extension-offline');
  await ext.getByRole('button', { name: 'Gửi đề nghị' }).click();
  await expect(ext).toBeHidden();
  const primaryHistory = await openHistory(primary);
  await expect(primaryHistory).toContainText('Xin gia hạn (chờ đồng bộ)');
  await expect(primary.getByTestId('sync-indicator')).toContainText('chờ đồng bộ');
  await shot(primary, 'primary-extension-pending');

  // --- The network comes back: the request reaches the server and the director ---
  proxy.calm();
  await primary.keyboard.press('Escape');
  await expect(handling(primary)).toBeHidden();
  await syncNow(primary);
  await synced(primary);
  await docRow(primary).click();
  await expect(await openHistory(primary)).toContainText('Xin gia hạn —', { timeout: 60_000 });
  await expect(await openHistory(primary)).not.toContainText('chờ đồng bộ');

  await menu(desk, 'Nhiệm vụ');
  await desk.getByRole('tab', { name: /Chờ duyệt gia hạn/ }).click();
  const request = desk.getByTestId('extension-request').filter({ hasText: 'Đỗ Minh Anh' });
  await expect(request).toBeVisible({ timeout: 60_000 });
  await expect(request).toContainText(viDate(30));
  await shot(desk, 'leader-extension-to-decide');
  await request.getByRole('button', { name: 'Đồng ý', exact: true }).click();
  const decide = desk.getByRole('dialog').filter({ hasText: 'Đồng ý gia hạn' });
  await decide.getByLabel('Ý kiến của người giao việc').fill('Đồng ý, hoàn thành trước ngày gia hạn.');
  await decide.getByRole('button', { name: 'Đồng ý gia hạn', exact: true }).click();
  await expect(decide).toBeHidden();
  await synced(desk);

  // --- The primary handler sees the new deadline and completes with the reply ---
  await handling(primary).getByRole('tab', { name: /Phân công/ }).click();
  await expect(handling(primary).getByTestId('assignments')).toContainText(viDate(30), { timeout: 60_000 });
  await handling(primary).getByRole('button', { name: 'Hoàn thành', exact: true }).click();
  const done = primary.getByRole('dialog').filter({ hasText: 'Hoàn thành xử lý' });
  await done.getByLabel('Số, ký hiệu văn bản trả lời').fill('412/SNV-TCCB');
  await done.getByLabel('Nội dung kết quả').fill('Đã tham mưu văn bản báo cáo UBND tỉnh.');
  await shot(primary, 'primary-complete');
  await done.getByRole('button', { name: 'Hoàn thành xử lý' }).click();
  await expect(done).toBeHidden();
  await expect(handling(primary).getByTestId('assignments')).toContainText('Hoàn thành');
  await synced(primary);

  // --- The whole history: who did what, when, with what directive ---
  const history = await openHistory(primary);
  for (const step of ['Trình lãnh đạo', 'Bút phê, phân công', 'Ý kiến xử lý', 'Xin gia hạn', 'Đồng ý gia hạn', 'Hoàn thành xử lý']) {
    await expect(history).toContainText(step, { timeout: 60_000 });
  }
  for (const who of ['Nguyễn Thị Lan', 'Trần Văn Minh', 'Phạm Quốc Huy', 'Đỗ Minh Anh', 'Giao Phòng TCCB']) await expect(history).toContainText(who);
  await shot(primary, 'primary-history');
  await handling(primary).getByRole('tab', { name: /Phân công/ }).click();
  await expect(handling(primary).getByTestId('assignments')).toContainText('412/SNV-TCCB');
  expect(dueText).toMatch(/\d{2}\/\d{2}\/\d{4}/);

  // --- Reports: rates per unit and person, and the tracking register printed ---
  await menu(desk, 'Báo cáo');
  await expect(desk.getByTestId('handling-report')).toBeVisible();
  await shot(desk, 'leader-reports');
  await desk.getByRole('button', { name: 'Sổ theo dõi giải quyết (PDF)' }).click();
  await expect(desk.getByTestId('report-preview').locator('[data-testid=pdf-page][data-rendered=true]').first()).toBeVisible({ timeout: 30_000 });
  await shot(desk, 'leader-tracking-register');

  expect(deskProblems).toEqual([]);
  expect(coordProblems).toEqual([]);
  expect(primaryProblems).toEqual([]);
});
