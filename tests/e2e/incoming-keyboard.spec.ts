/**
 * A clerk's morning with the keyboard alone (issue 4): five incoming documents registered without touching the mouse
 * — a PDF through the "Chọn tệp" button, two scanned pages that become one PDF, a scan taken from the watched scan
 * folder, one while the server is down, and an urgent one — then the numbers are consecutive after sync, a search
 * typed without accents finds its document, and the register prints to PDF and Excel. Only `page.keyboard` acts on the page;
 * a file chooser opened by Enter on the focused button counts as keyboard (the OS dialog itself cannot be scripted).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { makePng, scanRaster } from '../../src-main/core/testing/scan-fixtures';
import { todayInVietnam } from '../../src-shared/domain';
import { createTestPki, P12_PASSPHRASE } from '../helpers/pki';
import { pdfLibDocument, signWithSignpdf } from '../helpers/signing-fixtures';
import { makeOfficialPdf } from '../../src-server/seed/demo-pdf';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { startDesktopHost, type DesktopHost } from './desktop-host';
import { incomingRow, listedArrivalNumbers, registeredNumber, screenshotter, watchPageProblems } from './vanban-ui';

const PASSWORD = 'VanBan@2026';

let tmp: string;
let server: ServerProcess;
let desktop: DesktopHost;

test.beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vanban-e2e-kbd-'));
  server = await spawnServer({ dataDir: path.join(tmp, 'server'), seed: 'demo' });
  desktop = await startDesktopHost({ name: 'desktop', dataDir: path.join(tmp, 'desktop'), serverUrl: server.url });
});

test.afterAll(async () => {
  await desktop?.stop();
  await server?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function viDate(offsetDays: number): string {
  const d = new Date(`${todayInVietnam()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

type Doc = {
  issuer: string;
  numberNotation: string;
  documentDate: string;
  subject: string;
  /** Arrow-right presses from "Thường" (1 = Khẩn, 3 = Hỏa tốc). */
  urgencySteps: number;
  recipients: string;
  note: string;
};

type Attach =
  | { kind: 'picker'; files: { name: string; mimeType: string; buffer: Buffer }[]; expectPages: number }
  | { kind: 'scanFolder'; name: string; expectPages: number };

const pdfOf = (notation: string, subject: string, issuer: string) =>
  makeOfficialPdf({ issuer, numberNotation: notation, title: '', subject, paragraphs: ['Kính gửi: Sở Nội vụ tỉnh Sông Lam.'], date: todayInVietnam() });

/** Alt+N, then every field in tab order, then the file, then Ctrl+Enter. Focus is asserted at each step. */
async function registerByKeyboard(page: Page, doc: Doc, attach: Attach, shot?: (name: string) => Promise<void>) {
  const k = page.keyboard;
  await k.press('Alt+N');
  const drawer = page.getByRole('dialog').filter({ hasText: 'Tệp văn bản' });
  await expect(drawer.getByLabel('Cơ quan ban hành')).toBeFocused();
  await k.type(doc.issuer);
  await k.press('Tab');
  await expect(drawer.getByLabel('Số, ký hiệu')).toBeFocused();
  await k.type(doc.numberNotation);
  await k.press('Tab');
  await expect(drawer.getByLabel('Ngày văn bản')).toBeFocused();
  await k.type(doc.documentDate);
  await k.press('Tab');
  await expect(drawer.getByLabel('Loại văn bản')).toBeFocused();
  await k.press('Tab');
  await expect(drawer.getByLabel('Trích yếu')).toBeFocused();
  await k.type(doc.subject);
  await k.press('Tab');
  for (let i = 0; i < doc.urgencySteps; i++) await k.press('ArrowRight');
  await k.press('Tab');
  await expect(drawer.getByLabel('Độ mật')).toBeFocused();
  await k.press('Tab');
  await expect(drawer.getByLabel('Hạn xử lý')).toBeFocused();
  await k.press('Tab');
  await expect(drawer.getByLabel('Nơi nhận (đơn vị hoặc người nhận)')).toBeFocused();
  await k.type(doc.recipients);
  await k.press('Tab');
  await expect(drawer.getByLabel('Ghi chú')).toBeFocused();
  await k.type(doc.note);
  await k.press('Tab');
  const pick = drawer.getByRole('button', { name: 'Chọn tệp…' });
  await expect(pick).toBeFocused();
  if (attach.kind === 'picker') {
    const chooser = page.waitForEvent('filechooser');
    await k.press('Enter');
    await (await chooser).setFiles(attach.files);
    await expect(pick).toBeFocused();
  } else {
    const arrived = drawer.getByRole('button', { name: `Đính kèm tệp quét ${attach.name}` });
    await expect(arrived).toBeVisible({ timeout: 30_000 });
    // From "Chọn tệp…" the scan folder's files come next in tab order.
    await k.press('Tab');
    await expect(arrived).toBeFocused();
    await k.press('Enter');
  }
  await expect(drawer.getByTestId('staged-file')).toHaveCount(1);
  await expect(drawer.getByTestId('staged-file')).toContainText(`${attach.expectPages} trang`);
  await expect(drawer.getByTestId('page-total')).toContainText(`Số trang: ${attach.expectPages}`);
  if (shot) await shot('form-filled');
  await k.press('Control+Enter');
  const done = await registeredNumber(page);
  await expect(drawer).toBeHidden();
  return done;
}

test('clerk registers five documents with the keyboard alone, one offline; numbers consecutive, accent-free search', async ({ page }) => {
  const shot = screenshotter('keyboard');
  const problems = watchPageProblems(page);
  const k = page.keyboard;
  const scanDir = path.join(tmp, 'scan');
  await mkdir(scanDir, { recursive: true });

  // Sign in: the user name field has the focus on a desktop that never signed in.
  await page.goto(desktop.url);
  await expect(page.getByLabel('Tên đăng nhập')).toBeFocused();
  await k.type('vanthu');
  await k.press('Tab');
  await expect(page.getByLabel('Mật khẩu')).toBeFocused();
  await k.type(PASSWORD);
  await k.press('Enter');
  await expect(page.getByTestId('current-user')).toContainText('Văn thư');
  await expect(page.locator('.ant-table-row').first()).toBeVisible();

  // 1. A PDF chosen through the focused "Chọn tệp…" button.
  const d1 = await registerByKeyboard(
    page,
    {
      issuer: 'Sở Giáo dục và Đào tạo tỉnh Sông Lam',
      numberNotation: '2150/SGDĐT-VP',
      documentDate: viDate(-1),
      subject: 'V/v tổ chức kỳ thi chọn học sinh giỏi cấp tỉnh',
      urgencySteps: 0,
      recipients: 'Phòng Công chức, viên chức',
      note: 'Bản gốc giấy lưu tại văn thư',
    },
    {
      kind: 'picker',
      files: [
        {
          name: '2150-SGDDT-VP.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from(await pdfOf('2150/SGDĐT-VP', 'V/v tổ chức kỳ thi chọn học sinh giỏi cấp tỉnh', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO')),
        },
      ],
      expectPages: 1,
    },
    (name) => shot(page, `1-${name}`),
  );
  await shot(page, '1-registered');
  await d1.dismiss();

  // 2. Two scanned pages picked together become one 2-page PDF.
  const page1 = makePng(scanRaster(200, { widthMm: 105, heightMm: 148, seed: 1 }), 200);
  const page2 = makePng(scanRaster(200, { widthMm: 105, heightMm: 148, seed: 2 }), 200);
  const d2 = await registerByKeyboard(
    page,
    {
      issuer: 'Công ty Điện lực Sông Lam',
      numberNotation: '88/ĐLSL-KD',
      documentDate: viDate(-3),
      subject: 'V/v thông báo lịch tạm ngừng cung cấp điện',
      urgencySteps: 1,
      recipients: 'Văn phòng',
      note: 'Bản quét từ giấy',
    },
    {
      kind: 'picker',
      files: [
        { name: 'scan-trang-1.png', mimeType: 'image/png', buffer: Buffer.from(page1) },
        { name: 'scan-trang-2.png', mimeType: 'image/png', buffer: Buffer.from(page2) },
      ],
      expectPages: 2,
    },
    (name) => shot(page, `2-${name}`),
  );
  await d2.dismiss();
  await expect(incomingRow(page, '88/ĐLSL-KD')).toContainText('Khẩn');

  // 3. The scan folder: set it in its panel, a scanner drops a PDF there, the clerk attaches it with Tab + Enter.
  await page.getByRole('button', { name: 'Thư mục quét' }).focus();
  await k.press('Enter');
  await expect(page.getByLabel('Đường dẫn thư mục quét')).toBeFocused();
  await k.type(scanDir);
  await k.press('Enter');
  await expect(page.getByTestId('scan-folder-status')).toContainText('Đang theo dõi');
  await writeFile(
    path.join(scanDir, 'may-quet-0001.pdf'),
    await pdfOf('45/KH-STTTT', 'Kế hoạch chuyển đổi số năm sau', 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG'),
  );
  await expect(page.getByTestId('arrived-file')).toContainText('may-quet-0001.pdf', { timeout: 30_000 });
  await shot(page, '3-scan-folder');
  await k.press('Escape');
  const d3 = await registerByKeyboard(
    page,
    {
      issuer: 'Sở Thông tin và Truyền thông tỉnh Sông Lam',
      numberNotation: '45/KH-STTTT',
      documentDate: viDate(-2),
      subject: 'Kế hoạch chuyển đổi số năm sau',
      urgencySteps: 0,
      recipients: 'Phòng Cải cách hành chính',
      note: '',
    },
    { kind: 'scanFolder', name: 'may-quet-0001.pdf', expectPages: 1 },
  );
  await d3.dismiss();
  // A scan that was registered is not offered again for the next document.
  await k.press('Alt+N');
  await expect(page.getByLabel('Cơ quan ban hành')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Đính kèm tệp quét may-quet-0001.pdf' })).toHaveCount(0);
  await k.press('Escape');
  await expect(page.getByLabel('Cơ quan ban hành')).toBeHidden();
  // The number and symbol chose the type: KH is a Kế hoạch.
  await expect(incomingRow(page, '45/KH-STTTT')).toBeVisible();

  // 4. The server goes down: registration goes on with a provisional number.
  await server.stop();
  const d4 = await registerByKeyboard(
    page,
    {
      issuer: 'Bảo hiểm xã hội tỉnh Sông Lam',
      numberNotation: '512/BHXH-TST',
      documentDate: viDate(0),
      subject: 'V/v đối chiếu số liệu đóng bảo hiểm quý IV',
      urgencySteps: 0,
      recipients: 'Phòng Kế hoạch - Tài chính',
      note: 'Vào sổ khi mất mạng',
    },
    {
      kind: 'picker',
      files: [
        {
          name: '512-BHXH.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from(await pdfOf('512/BHXH-TST', 'V/v đối chiếu số liệu đóng bảo hiểm quý IV', 'BẢO HIỂM XÃ HỘI TỈNH SÔNG LAM')),
        },
      ],
      expectPages: 1,
    },
  );
  expect(d4.provisional).toBe(true);
  await shot(page, '4-registered-offline');
  await d4.dismiss();
  await server.restart();

  // 5. Urgent mail (Hỏa tốc) right after the server is back.
  const d5 = await registerByKeyboard(
    page,
    {
      issuer: 'Ủy ban nhân dân tỉnh Sông Lam',
      numberNotation: '1999/UBND-NC',
      documentDate: viDate(0),
      subject: 'V/v triển khai ứng phó bão số 9',
      urgencySteps: 3,
      recipients: 'Giám đốc Sở',
      note: 'Chuyển ngay',
    },
    {
      kind: 'picker',
      files: [
        {
          name: '1999-UBND-NC.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from(await pdfOf('1999/UBND-NC', 'V/v triển khai ứng phó bão số 9', 'ỦY BAN NHÂN DÂN TỈNH SÔNG LAM')),
        },
      ],
      expectPages: 1,
    },
  );
  await d5.dismiss();

  // After sync: five confirmed numbers, consecutive in the order the clerk registered them.
  const notations = ['2150/SGDĐT-VP', '88/ĐLSL-KD', '45/KH-STTTT', '512/BHXH-TST', '1999/UBND-NC'];
  for (const n of notations) await expect(incomingRow(page, n).getByTestId('sync-state')).toHaveText('Đã đồng bộ', { timeout: 90_000 });
  const mine = await Promise.all(notations.map(async (n) => Number(await incomingRow(page, n).getByTestId('arrival-number').innerText())));
  expect(mine).toEqual(mine.map((_, i) => mine[0]! + i));
  const all = (await listedArrivalNumbers(page)).map(Number).sort((a, b) => a - b);
  expect(all, 'no gap and no duplicate in the register').toEqual(all.map((_, i) => i + 1));
  await expect(incomingRow(page, '1999/UBND-NC')).toContainText('Hỏa tốc');
  await expect(incomingRow(page, '1999/UBND-NC')).toHaveClass(/row-urgent/);
  await shot(page, '5-list-after-sync');

  // Search typed without accents finds exactly the one document.
  await page.getByLabel('Tìm văn bản đến').focus();
  await k.type('ung pho bao');
  await expect(page.locator('.ant-table-row')).toHaveCount(1);
  await expect(incomingRow(page, '1999/UBND-NC')).toBeVisible();
  await shot(page, '6-search-without-accents');
  await k.press('Control+A');
  await k.press('Backspace');
  await expect(incomingRow(page, '2150/SGDĐT-VP')).toBeVisible();

  // The register as a document: the PDF is saved under the core's file name and previewed; Excel too.
  await page.getByRole('button', { name: 'In sổ / Xuất Excel' }).focus();
  await k.press('Enter');
  const exportDrawer = page.getByRole('dialog').filter({ hasText: 'Sổ gồm đủ 10 cột' });
  const printPdf = exportDrawer.getByRole('button', { name: 'In sổ (PDF)' });
  await expect(printPdf).toBeVisible();
  await printPdf.focus();
  const pdfDownload = page.waitForEvent('download');
  await k.press('Enter');
  const pdfFile = await pdfDownload;
  expect(pdfFile.suggestedFilename()).toMatch(/\.pdf$/);
  const pdfBytes = await readFile(await pdfFile.path());
  expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
  await expect(page.getByTestId('register-preview').locator('[data-testid=pdf-page][data-rendered=true]').first()).toBeVisible({
    timeout: 30_000,
  });
  await shot(page, '7-register-pdf-preview');
  await exportDrawer.getByRole('button', { name: 'Xuất Excel' }).focus();
  const xlsxDownload = page.waitForEvent('download');
  await k.press('Enter');
  const xlsxFile = await xlsxDownload;
  expect(xlsxFile.suggestedFilename()).toMatch(/\.xlsx$/);
  expect((await readFile(await xlsxFile.path())).subarray(0, 2).toString()).toBe('PK');

  expect(problems).toEqual([]);
});

test('issuer suggested without accents; received signatures: a valid one shows its signer in green, a broken one is red and asks before registering', async ({ page }) => {
  const shot = screenshotter('signatures');
  const problems = watchPageProblems(page);
  const k = page.keyboard;
  // The desktop trusts the test CA the way an agency installs its CA roots: a PEM in dataDir/trust-anchors.
  const pki = createTestPki();
  try {
    await mkdir(path.join(tmp, 'desktop', 'trust-anchors'), { recursive: true });
    await writeFile(path.join(tmp, 'desktop', 'trust-anchors', 'test-ca.pem'), pki.caPem);
    const signed = Buffer.from(await signWithSignpdf(await pdfLibDocument(1), pki.otherSigner.p12, P12_PASSPHRASE));
    const tampered = Buffer.from(signed);
    // Inside the first signed byte range: the file still opens, its hash no longer matches.
    tampered[11] = tampered[11]! ^ 0x01;

    // The desktop kept the clerk's session from the first test.
    await page.goto(desktop.url);
    await expect(page.getByTestId('current-user')).toContainText('Văn thư');

    await k.press('Alt+N');
    const drawer = page.getByRole('dialog').filter({ hasText: 'Tệp văn bản' });
    await expect(drawer.getByLabel('Cơ quan ban hành')).toBeFocused();
    // The issuer is offered from earlier mail while typing without accents; arrow down and Enter take it.
    await k.type('so giao duc');
    const option = page.locator('.ant-select-item-option', { hasText: 'Sở Giáo dục và Đào tạo tỉnh Sông Lam' });
    await expect(option).toBeVisible();
    await shot(page, 'issuer-suggestion');
    await k.press('ArrowDown');
    await k.press('Enter');
    await expect(drawer.getByLabel('Cơ quan ban hành')).toHaveValue('Sở Giáo dục và Đào tạo tỉnh Sông Lam');
    await expect(option).toBeHidden();
    await k.press('Tab');
    await expect(drawer.getByLabel('Số, ký hiệu')).toBeFocused();
    await k.type('301/SGDĐT-KHTC');
    await k.press('Tab');
    await k.type(viDate(0));
    await k.press('Tab');
    await k.press('Tab');
    await k.type('V/v kinh phí tổ chức kỳ thi');
    for (let i = 0; i < 6; i++) await k.press('Tab');
    await expect(drawer.getByRole('button', { name: 'Chọn tệp…' })).toBeFocused();
    const chooser = page.waitForEvent('filechooser');
    await k.press('Enter');
    await (await chooser).setFiles([
      { name: 'da-ky.pdf', mimeType: 'application/pdf', buffer: signed },
      { name: 'bi-sua.pdf', mimeType: 'application/pdf', buffer: tampered },
    ]);
    const valid = drawer.getByTestId('staged-file').filter({ hasText: 'da-ky.pdf' });
    const broken = drawer.getByTestId('staged-file').filter({ hasText: 'bi-sua.pdf' });
    await expect(valid.getByTestId('signature-valid')).toContainText('Chữ ký số hợp lệ');
    await expect(valid.getByTestId('signature-valid')).toContainText('VanBan Test Root CA');
    await expect(broken.getByTestId('signature-broken')).toContainText('KHÔNG hợp lệ');
    await expect(broken).toContainText('gửi lại');
    await shot(page, 'staged');

    // Ctrl+Enter: the clerk is asked first, and Enter answers the safe "Không vào sổ".
    await k.press('Control+Enter');
    const confirm = page.getByRole('dialog').filter({ hasText: 'Tệp có chữ ký số không hợp lệ' });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole('button', { name: 'Không vào sổ' })).toBeFocused();
    await shot(page, 'confirm-broken');
    await k.press('Enter');
    await expect(confirm).toBeHidden();
    await expect(drawer).toBeVisible();
    await k.press('Escape');
    await expect(drawer).toBeHidden();
    await expect(incomingRow(page, '301/SGDĐT-KHTC')).toHaveCount(0);
  } finally {
    await rm(pki.dir, { recursive: true, force: true });
  }
  expect(problems).toEqual([]);
});
