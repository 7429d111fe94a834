/**
 * A provisional arrival number that the server could not keep: while the clerk's desktop has no connection,
 * another desktop of the same office registers a document and takes the number the clerk saw. On sync the
 * clerk's entry gets the next number, and the detail shows both (the provisional one and the server's).
 * Real server process, a real loopback proxy standing for the commune's link, a real browser-host process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { todayInVietnam } from '../../src-shared/domain';
import { makeOfficialPdf } from '../../src-server/seed/demo-pdf';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { incomingArgs, login as apiLogin, mutation, pushMutations, sha256, spawnServer, uploadBlob, type ServerProcess } from '../helpers/server-process';
import { startDesktopHost, type DesktopHost } from './desktop-host';
import { incomingRow, login, registerIncoming, registeredNumber, screenshotter, watchPageProblems } from './vanban-ui';

let tmp: string;
let server: ServerProcess;
let link: FaultProxy;
let desktop: DesktopHost;

test.beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vanban-e2e-numchange-'));
  server = await spawnServer({ dataDir: path.join(tmp, 'server'), seed: 'demo' });
  link = await startFaultProxy({ target: server.url, seed: 1 });
  desktop = await startDesktopHost({ name: 'clerk desktop', dataDir: path.join(tmp, 'desktop'), serverUrl: link.url });
});

test.afterAll(async () => {
  await desktop?.stop();
  await link?.close();
  await server?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('the clerk sees the provisional number and the one the server allocated', async ({ page }) => {
  const shot = screenshotter('number-change');
  const problems = watchPageProblems(page);
  await page.goto(desktop.url);
  await login(page, 'vanthu', 'VanBan@2026');
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await expect(page.getByTestId('sync-indicator')).toContainText('Trực tuyến');

  // The link goes down: every request fails, open streams are cut.
  link.setFaults({ error5xx: 1 });
  link.cutAll();

  const today = todayInVietnam();
  const [y, m, d] = today.split('-');
  const pdf = await makeOfficialPdf({
    issuer: 'UBND HUYỆN NAM ĐÀN',
    numberNotation: '415/UBND-VP',
    title: '',
    subject: 'V/v rà soát biên chế công chức cấp xã',
    paragraphs: ['Kính gửi: Sở Nội vụ tỉnh Sông Lam.'],
    date: today,
  });
  await registerIncoming(
    page,
    {
      issuer: 'UBND huyện Nam Đàn',
      numberNotation: '415/UBND-VP',
      documentDate: `${d}/${m}/${y}`,
      subject: 'V/v rà soát biên chế công chức cấp xã',
      urgencySteps: 0,
      dueDate: `${d}/${m}/${y}`,
      recipients: 'Phòng Tổ chức biên chế',
    },
    { name: '415-UBND-VP.pdf', bytes: pdf },
  );
  await page.keyboard.press('Enter');
  const offline = await registeredNumber(page);
  expect(offline.provisional).toBe(true);
  await offline.dismiss();
  const row = incomingRow(page, '415/UBND-VP');
  await expect(row.getByTestId('arrival-number')).toHaveText(`${offline.n} (tạm)`);

  // Meanwhile the office's other desktop, online, registers a document and takes that number on the server.
  const other = await apiLogin(server.url, 'vanthu');
  const otherPdf = await makeOfficialPdf({
    issuer: 'SỞ Y TẾ TỈNH SÔNG LAM',
    numberNotation: '902/SYT-TCCB',
    title: '',
    subject: 'V/v cử cán bộ tham gia tập huấn',
    paragraphs: ['Kính gửi: Sở Nội vụ tỉnh Sông Lam.'],
    date: today,
  });
  await uploadBlob(other, otherPdf);
  const pushed = await pushMutations(other, [
    mutation(
      1,
      incomingArgs([{ sha256: sha256(otherPdf), size: otherPdf.length }], {
        year: Number(y),
        arrivalDate: today,
        documentDate: today,
        issuer: 'Sở Y tế tỉnh Sông Lam',
        number: '902',
        notation: 'SYT-TCCB',
        subject: 'V/v cử cán bộ tham gia tập huấn',
        provisionalNumber: offline.n,
      }),
    ),
  ]);
  expect(pushed.body.results[0]?.status).toBe('applied');

  // The link is back: the clerk's entry syncs by itself and gets the next number.
  link.calm();
  await expect(row.getByTestId('sync-state')).toHaveText('Đã đồng bộ', { timeout: 90_000 });
  await expect(row.getByTestId('arrival-number')).toHaveText(String(offline.n + 1));
  await expect(incomingRow(page, '902/SYT-TCCB').getByTestId('arrival-number')).toHaveText(String(offline.n), { timeout: 30_000 });

  await row.click();
  const detail = page.getByRole('dialog').filter({ hasText: 'Tệp văn bản' });
  await expect(detail.getByTestId('number-change')).toContainText(`Số tạm ${offline.n} → số chính thức ${offline.n + 1}`);
  await shot(page, 'detail');
  await page.keyboard.press('Escape');
  expect(problems).toEqual([]);
});
