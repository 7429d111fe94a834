/**
 * What a staged file really is, from its first bytes (never from the name the user gave it).
 * PDFs must parse; encrypted or damaged ones are refused with a message that says what to do.
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import { AppError } from '../../../src-shared/contract/errors';

export type DetectedFile = { mime: string; pageCount: number | null };

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);

function sniff(bytes: Uint8Array): string | null {
  // "%PDF-" may follow a few junk bytes in files from some scanners; readers accept it within the first 1 KiB.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'application/x-ole-storage';
  return null;
}

const OFFICE_BY_EXT: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  zip: 'application/zip',
};

export async function detectFile(name: string, bytes: Uint8Array): Promise<DetectedFile> {
  if (bytes.byteLength === 0) throw new AppError('FILE_INVALID', 'Tệp rỗng (0 byte). Vui lòng chọn lại tệp văn bản.');
  const kind = sniff(bytes);
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (kind === 'application/pdf') return { mime: kind, pageCount: await countPdfPages(bytes) };
  if (kind === 'application/zip' || kind === 'application/x-ole-storage') {
    // Office containers share the zip / OLE signature; the extension picks the precise type.
    const mime = OFFICE_BY_EXT[ext] ?? (kind === 'application/zip' ? 'application/zip' : 'application/msword');
    return { mime, pageCount: null };
  }
  if (kind) return { mime: kind, pageCount: null };
  throw new AppError(
    'FILE_INVALID',
    'Định dạng tệp không được hỗ trợ. Vui lòng chọn tệp PDF, ảnh quét (PNG, JPEG, TIFF) hoặc tệp Word/Excel.',
  );
}

const DAMAGED_PDF = 'Tệp PDF bị hỏng hoặc không đọc được. Vui lòng quét lại hoặc xin nơi gửi bản PDF khác.';

const TRUNCATED_PDF =
  'Tệp PDF bị hỏng: thiếu phần cuối tệp (tải về hoặc chép chưa xong). Vui lòng chép lại tệp hoặc xin nơi gửi gửi lại.';

async function countPdfPages(bytes: Uint8Array): Promise<number> {
  // Every complete PDF ends with %%EOF (readers allow some junk after it, within 1 KiB). The parser would happily
  // recover pages from the first half of a file, so a cut-off transfer must be caught here, before it is kept as "the original".
  if (!Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1').includes('%%EOF')) {
    throw new AppError('FILE_INVALID', TRUNCATED_PDF);
  }
  let pages: number;
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    if (doc.isEncrypted) {
      throw new AppError(
        'FILE_INVALID',
        'Tệp PDF đang được đặt mật khẩu nên không lưu trữ được. Vui lòng xin nơi gửi bản PDF không đặt mật khẩu.',
      );
    }
    pages = doc.getPageCount();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('FILE_INVALID', DAMAGED_PDF);
  }
  // The parser is lenient: a file with no readable page tree is damaged for our purposes.
  if (pages < 1) throw new AppError('FILE_INVALID', DAMAGED_PDF);
  return pages;
}
