/**
 * Staging of a file the clerk picked, dropped or scanned: checked, typed by its bytes, stored content-addressed.
 * Scans (JPEG, PNG, TIFF) are turned into one PDF at their own resolution; received PDFs are kept byte for byte and
 * their digital signatures verified, so a broken signature is flagged before registration.
 * The staged sha256 is what documents.registerIncoming references.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { ReceivedSignature, StagedFile } from '../../../src-shared/contract/methods';
import { MAX_FILE_BYTES } from '../../../src-shared/sync/protocol';
import type { BlobStore } from '../files/blob-store';
import { detectFile } from '../intake/detect-file';
import { imagesToPdf, SCAN_MIMES, type ScanImage } from '../intake/image-to-pdf';
import { verifyPdfSignatures } from '../signing/verify';

export type IntakeDeps = {
  sqlite: Database.Database;
  blobs: BlobStore;
  requireUser: () => unknown;
  /** Root certificates received signatures must chain to (PEM); read at each call so an admin's change applies at once. */
  trustAnchorsPem?: () => string[];
  now?: () => Date;
};

const TOO_LARGE = `Tệp lớn hơn ${MAX_FILE_BYTES / 1024 / 1024} MB. Vui lòng quét ở độ phân giải thấp hơn (200 dpi là đủ) hoặc tách thành nhiều tệp.`;

function decode(contentBase64: string): Buffer {
  // Refuse before decoding: base64 is 4 characters per 3 bytes.
  if (Math.floor((contentBase64.length * 3) / 4) > MAX_FILE_BYTES + 3) throw new AppError('FILE_TOO_LARGE', TOO_LARGE);
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.byteLength > MAX_FILE_BYTES) throw new AppError('FILE_TOO_LARGE', TOO_LARGE);
  return bytes;
}

const pdfName = (name: string) => `${name.replace(/\.(jpe?g|png|tiff?|pdf)$/i, '')}.pdf`;

export type IntakeService = ReturnType<typeof createIntakeService>;

export function createIntakeService(deps: IntakeDeps) {
  const now = deps.now ?? (() => new Date());

  async function checkSignatures(pdf: Uint8Array): Promise<{ signatures: ReceivedSignature[]; signatureWarning: string | null }> {
    let checks;
    try {
      checks = await verifyPdfSignatures(pdf, { trustAnchorsPem: deps.trustAnchorsPem?.() ?? [] });
    } catch {
      return { signatures: [], signatureWarning: 'Không kiểm tra được chữ ký số trong tệp này. Vui lòng kiểm tra lại tệp với nơi gửi.' };
    }
    const signatures = checks.map((c): ReceivedSignature => ({
      fieldName: c.fieldName, kind: c.kind, valid: c.valid, integrity: c.integrity, chain: c.chain,
      signer: c.signer?.subjectCommonName ?? null, signerSubject: c.signer?.subject ?? null, issuer: c.signer?.issuer ?? null,
      signingTime: c.signingTime?.toISOString() ?? null, signingTimeSource: c.signingTimeSource,
      modifiedAfterSigning: c.modification === 'modified', problems: c.problems,
    }));
    const broken = signatures.filter((s) => !s.integrity || s.modifiedAfterSigning);
    const untrusted = signatures.filter((s) => !s.valid && !broken.includes(s));
    const signatureWarning = broken.length
      ? `Chữ ký số của ${broken.map((s) => s.signer ?? 'người ký').join(', ')} không còn toàn vẹn: tệp đã bị thay đổi sau khi ký. ` +
        'Không nên vào sổ bản này; hãy báo nơi gửi và đề nghị gửi lại văn bản.'
      : untrusted.length
        ? `Chữ ký số của ${untrusted.map((s) => s.signer ?? 'người ký').join(', ')} chưa được xác thực: ${untrusted[0]!.problems.join(' ')}`
        : null;
    return { signatures, signatureWarning };
  }

  function store(bytes: Uint8Array, name: string, mime: string, pageCount: number | null): string {
    const sha256 = deps.blobs.put(bytes);
    deps.sqlite
      .prepare(
        `INSERT INTO local_blobs (sha256, size, name, mime, page_count, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(sha256) DO UPDATE SET name = excluded.name`,
      )
      .run(sha256, bytes.byteLength, name, mime, pageCount, now().toISOString());
    return sha256;
  }

  async function stageScans(name: string, images: ScanImage[]): Promise<StagedFile> {
    const { pdf, pageCount } = await imagesToPdf(images, now());
    if (pdf.byteLength > MAX_FILE_BYTES) throw new AppError('FILE_TOO_LARGE', TOO_LARGE);
    const finalName = pdfName(name);
    const sha256 = store(pdf, finalName, 'application/pdf', pageCount);
    const from = [...new Set(images.map((i) => i.mime))].join(', ');
    return { sha256, name: finalName, size: pdf.byteLength, mime: 'application/pdf', pageCount, convertedFrom: from, signatures: [], signatureWarning: null };
  }

  /** Stages bytes already in memory (picker, drop, scan folder). */
  async function stageBytes(name: string, bytes: Uint8Array): Promise<StagedFile> {
    if (bytes.byteLength > MAX_FILE_BYTES) throw new AppError('FILE_TOO_LARGE', TOO_LARGE);
    const detected = await detectFile(name, bytes);
    if (SCAN_MIMES.has(detected.mime)) return stageScans(name, [{ bytes, mime: detected.mime, name }]);
    const sha256 = store(bytes, name, detected.mime, detected.pageCount);
    const staged: StagedFile = { sha256, name, size: bytes.byteLength, mime: detected.mime, pageCount: detected.pageCount };
    return detected.mime === 'application/pdf' ? { ...staged, ...(await checkSignatures(bytes)) } : staged;
  }

  return {
    stageBytes,

    async stageFile(p: { name: string; mime?: string; contentBase64: string }): Promise<StagedFile> {
      deps.requireUser();
      return stageBytes(p.name, decode(p.contentBase64));
    },

    async stageImages(p: { name: string; images: { name: string; contentBase64: string }[] }): Promise<StagedFile> {
      deps.requireUser();
      const images: ScanImage[] = [];
      for (const img of p.images) {
        const bytes = decode(img.contentBase64);
        const { mime } = await detectFile(img.name, bytes);
        if (!SCAN_MIMES.has(mime)) {
          throw new AppError('FILE_INVALID', `Tệp "${img.name}" không phải ảnh quét (JPEG, PNG, TIFF). Vui lòng bỏ tệp này ra khỏi danh sách ảnh.`);
        }
        images.push({ bytes, mime, name: img.name });
      }
      return stageScans(p.name, images);
    },
  };
}
