/**
 * A one-page outgoing draft as a specialist would export it from Word: ND30 header with the number and the date left
 * blank ("Số:        /KH-SNV", "Sông Lam, ngày      tháng      năm 2026"), the subject, a body, and the signer's block
 * with room between the position and the name for the leader's signature (where the core draws it).
 */
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';

const FONTS = new URL('../../resources/fonts/', import.meta.url).pathname;

function centered(page: PDFPage, text: string, font: PDFFont, size: number, cx: number, y: number): void {
  const t = text.normalize('NFC');
  page.drawText(t, { x: cx - font.widthOfTextAtSize(t, size) / 2, y, size, font });
}

export async function makeDraftPdf(opts: { notation: string; title: string; subject: string; year: number; signerPosition: string; signerName: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  // Whole fonts: @pdf-lib/fontkit cannot subset Noto Serif (see src-server/seed/demo-pdf.ts).
  const font = await doc.embedFont(readFileSync(`${FONTS}NotoSerif-Regular.ttf`), { subset: false });
  const bold = await doc.embedFont(readFileSync(`${FONTS}NotoSerif-Bold.ttf`), { subset: false });
  const page = doc.addPage([595.28, 841.89]);
  centered(page, 'SỞ NỘI VỤ TỈNH SÔNG LAM', bold, 11, 180, 780);
  centered(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold, 11, 420, 780);
  centered(page, 'Độc lập - Tự do - Hạnh phúc', bold, 12, 420, 764);
  centered(page, `Số:          /${opts.notation}`, font, 12, 180, 735);
  centered(page, `Sông Lam, ngày       tháng       năm ${opts.year}`, font, 12, 420, 735);
  centered(page, opts.title.toUpperCase(), bold, 14, 297, 690);
  centered(page, opts.subject, bold, 12, 297, 672);
  const body = [
    'I. MỤC ĐÍCH, YÊU CẦU',
    'Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động của Sở.',
    'II. NHIỆM VỤ',
    '1. Hoàn thiện hệ thống quản lý văn bản và điều hành, ký số văn bản đi.',
    '2. Số hóa hồ sơ, tài liệu lưu trữ của các phòng chuyên môn.',
    'III. TỔ CHỨC THỰC HIỆN',
    'Các phòng chuyên môn triển khai theo tiến độ từng quý và báo cáo kết quả.',
  ];
  body.forEach((line, i) => page.drawText(line.normalize('NFC'), { x: 85, y: 630 - i * 20, size: 12, font: line.startsWith('I') ? bold : font }));
  centered(page, opts.signerPosition.toUpperCase(), bold, 12, 440, 240);
  centered(page, opts.signerName, bold, 12, 440, 130);
  page.drawText('Nơi nhận:', { x: 85, y: 240, size: 11, font: bold });
  page.drawText('- Phòng Tổ chức cán bộ;'.normalize('NFC'), { x: 85, y: 225, size: 10, font });
  page.drawText('- Lưu: VT, TCCB.'.normalize('NFC'), { x: 85, y: 211, size: 10, font });
  return doc.save({ useObjectStreams: false });
}
