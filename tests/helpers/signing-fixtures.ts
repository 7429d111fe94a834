/**
 * Inputs for the signing tests, generated on the fly: PDFs from several producers (pdf-lib with a classic
 * xref table, qpdf rewritten with object streams and an xref stream, Ghostscript when installed), an
 * encrypted and a corrupt PDF, and transparent PNGs for the leader's signature (blue) and the seal (red).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import fontkit from '@cantoo/fontkit';
import { PDFDocument, rgb } from '@cantoo/pdf-lib';

export const FONT_DIR = new URL('../../resources/fonts/', import.meta.url).pathname;

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An RGBA PNG drawn by `pixel(x, y)` returning [r,g,b,a]. */
export function makePng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (width * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return new Uint8Array(Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

/** A blue handwritten-like stroke on a transparent background. */
export function signatureImage(): Uint8Array {
  return makePng(300, 120, (x, y) => {
    const curve = 60 + 35 * Math.sin(x / 22) * Math.cos(x / 71);
    return Math.abs(y - curve) < 3 ? [20, 40, 200, 255] : [0, 0, 0, 0];
  });
}

/** A red round seal (ring + inner ring + star-ish centre) on a transparent background. */
export function sealImage(): Uint8Array {
  return makePng(200, 200, (x, y) => {
    const d = Math.hypot(x - 100, y - 100);
    const red: [number, number, number, number] = [210, 20, 20, 230];
    if ((d > 92 && d < 99) || (d > 62 && d < 66) || d < 14) return red;
    return [0, 0, 0, 0];
  });
}

/** A one-page outgoing document draft (pdf-lib, classic xref table), with blank number and date. */
export async function pdfLibDocument(pages = 1): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(readFileSync(join(FONT_DIR, 'NotoSerif-Regular.ttf')), { subset: true });
  const bold = await doc.embedFont(readFileSync(join(FONT_DIR, 'NotoSerif-Bold.ttf')), { subset: true });
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText('ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM', { x: 60, y: 780, size: 12, font: bold });
    page.drawText('Số:            /QĐ-UBND', { x: 90, y: 760, size: 12, font });
    page.drawText('QUYẾT ĐỊNH', { x: 250, y: 700, size: 14, font: bold });
    page.drawText('Về việc phê duyệt kế hoạch chuyển đổi số năm 2027', { x: 140, y: 680, size: 12, font });
    page.drawText(`Trang ${i + 1}: nội dung văn bản, tiếng Việt có dấu đầy đủ.`, { x: 60, y: 600, size: 12, font });
    page.drawText('KT. CHỦ TỊCH', { x: 390, y: 260, size: 12, font: bold });
    page.drawText('PHÓ CHỦ TỊCH', { x: 385, y: 245, size: 12, font: bold });
    page.drawText('Nguyễn Văn Đức', { x: 385, y: 150, size: 12, font: bold, color: rgb(0, 0, 0) });
  }
  return doc.save({ useObjectStreams: false });
}

/** Where the clerk fills in the number (in the blank after "Số:") and the issue date line on pdfLibDocument. */
export const NUMBER_ANCHOR = { pageIndex: 0, x: 116, y: 760 };
export const DATE_ANCHOR = { pageIndex: 0, x: 330, y: 760 };

/** Where the leader's approval image goes on pdfLibDocument: between the position line and the name. */
export const APPROVAL_ANCHOR = { centerX: 430, positionBaselineY: 240, nameTopY: 165 };

/** Runs a PDF through qpdf so it has object streams and a cross-reference stream (a different producer). */
export function qpdfObjectStreams(pdf: Uint8Array, dir: string, name: string): Uint8Array {
  const input = join(dir, `${name}-in.pdf`);
  const output = join(dir, `${name}-objstm.pdf`);
  writeFileSync(input, pdf);
  execFileSync('qpdf', ['--object-streams=generate', input, output]);
  return new Uint8Array(readFileSync(output));
}

export function encryptedPdf(pdf: Uint8Array, dir: string): Uint8Array {
  const input = join(dir, 'plain.pdf');
  const output = join(dir, 'encrypted.pdf');
  writeFileSync(input, pdf);
  execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', input, output]);
  return new Uint8Array(readFileSync(output));
}

/** A file that starts like a PDF but was cut off in transfer. */
export function corruptPdf(pdf: Uint8Array): Uint8Array {
  const cut = pdf.slice(0, Math.floor(pdf.length / 3));
  return Uint8Array.from([...cut, ...Buffer.from('\n%%garbage\n')]);
}

export function hasGhostscript(): boolean {
  try {
    execFileSync('which', ['gs'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export type PdfsigSignature = {
  field: string;
  signer: string;
  signatureValid: boolean;
  certificateTrusted: boolean;
  totalDocumentSigned: boolean;
  raw: string;
};

/** Runs poppler's pdfsig against an NSS db that trusts the test CA and parses its report. */
export function pdfsig(pdf: Uint8Array, nssDir: string, dir: string): PdfsigSignature[] {
  const file = join(dir, `pdfsig-${process.pid}-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  let out: string;
  try {
    out = execFileSync('pdfsig', ['-nssdir', `sql:${nssDir}`, file], { encoding: 'utf8' });
  } catch (err) {
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  return out
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      field: /Signature Field Name: (.*)/.exec(block)?.[1] ?? '',
      signer: /Signer Certificate Common Name: (.*)/.exec(block)?.[1] ?? '',
      signatureValid: block.includes('Signature Validation: Signature is Valid.'),
      certificateTrusted: block.includes('Certificate Validation: Certificate is Trusted.'),
      totalDocumentSigned: block.includes('- Total document signed'),
      raw: block,
    }));
}

/** `qpdf --check` exit status, output, and warnings without the file name (exit 0 = clean, 3 = warnings only). */
export function qpdfCheck(pdf: Uint8Array, dir: string): { status: number; output: string; warnings: string[] } {
  const { status, output } = qpdfRun(pdf, dir);
  const warnings = output
    .split('\n')
    .filter((l) => l.startsWith('WARNING'))
    .map((l) => l.replace(/^WARNING: [^:]+: /, ''));
  return { status, output, warnings };
}

function qpdfRun(pdf: Uint8Array, dir: string): { status: number; output: string } {
  const file = join(dir, `qpdf-${process.pid}-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  try {
    return { status: 0, output: execFileSync('qpdf', ['--check', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (err) {
    const e = err as { status?: number; stdout?: string };
    return { status: e.status ?? 1, output: `${String(e.stdout ?? '')}${String((e as { stderr?: string }).stderr ?? '')}` };
  }
}

/** Total length of the DER element at the start of `buf` (tag + length + content). */
function derLength(buf: Buffer): number {
  const first = buf[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (buf[2 + i] ?? 0);
  return 2 + n + len;
}

/** Independent CMS check with `openssl cms -verify` (chain to the test CA) for every /ByteRange in the file. */
export function opensslVerifyAll(pdf: Uint8Array, caPath: string, dir: string): boolean[] {
  const buf = Buffer.from(pdf);
  const text = buf.toString('latin1');
  const results: boolean[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
    // Cut the zero padding by the DER length, not by stripping zeros (a signature may end in 0x00).
    const padded = Buffer.from(text.slice(a + b + 1, c - 1), 'hex');
    const der = padded.subarray(0, derLength(padded));
    const content = join(dir, 'ossl.content');
    const p7s = join(dir, 'ossl.p7s');
    writeFileSync(content, Buffer.concat([buf.subarray(a, a + b), buf.subarray(c, c + d)]));
    writeFileSync(p7s, der);
    const objStart = text.lastIndexOf(' obj', m.index);
    const isDocTimeStamp = text.slice(objStart, text.indexOf('endobj', m.index)).includes('/ETSI.RFC3161');
    try {
      // A document timestamp is an RFC 3161 token over the ranges: `openssl ts -verify` checks it.
      const args = isDocTimeStamp
        ? ['ts', '-verify', '-data', content, '-in', p7s, '-token_in', '-CAfile', caPath]
        : ['cms', '-verify', '-binary', '-inform', 'DER', '-in', p7s, '-content', content, '-CAfile', caPath, '-purpose', 'any', '-out', '/dev/null'];
      execFileSync('openssl', args, { stdio: 'pipe' });
      results.push(true);
    } catch {
      results.push(false);
    }
  }
  return results;
}

/** Signs with @signpdf/signpdf and a P12 key: another producer's signature, and the benchmark baseline. */
export async function signWithSignpdf(pdf: Uint8Array, p12: Uint8Array, passphrase: string): Promise<Uint8Array> {
  const { plainAddPlaceholder } = await import('@signpdf/placeholder-plain');
  const { P12Signer } = await import('@signpdf/signer-p12');
  const { SignPdf } = await import('@signpdf/signpdf');
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: Buffer.from(pdf),
    reason: 'Phê duyệt',
    contactInfo: '',
    name: 'signpdf',
    location: '',
  });
  const signed = await new SignPdf().sign(withPlaceholder, new P12Signer(Buffer.from(p12), { passphrase }));
  return new Uint8Array(signed);
}

/** Text poppler extracts from a region of page 1 (points from the top-left), annotation appearances included. */
export function textInRegion(pdf: Uint8Array, dir: string, region: { x: number; y: number; width: number; height: number }): string {
  const file = join(dir, `text-${process.pid}-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  const r = region;
  return execFileSync('pdftotext', ['-f', '1', '-l', '1', '-x', `${r.x}`, '-y', `${r.y}`, '-W', `${r.width}`, '-H', `${r.height}`, file, '-'], {
    encoding: 'utf8',
  });
}

/** A document from PDFKit (a different writer: its own object order and xref layout). */
export async function pdfkitDocument(): Promise<Uint8Array> {
  // pdfkit comes with @signpdf/placeholder-pdfkit010 (a dev dependency); it is only a test input producer.
  const { default: PDFKit } = (await import('pdfkit' as string)) as { default: new (o: object) => PdfKitDoc };
  const doc = new PDFKit({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font(join(FONT_DIR, 'NotoSerif-Regular.ttf')).fontSize(12);
  doc.text('ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM', 60, 60);
  doc.text('Công văn về việc báo cáo tình hình chuyển đổi số', 60, 120);
  doc.text('GIÁM ĐỐC', 400, 580);
  doc.text('Nguyễn Văn Đức', 390, 680);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

type PdfKitDoc = {
  on(event: string, cb: (arg: Buffer) => void): void;
  font(path: string): PdfKitDoc;
  fontSize(n: number): PdfKitDoc;
  text(s: string, x: number, y: number): PdfKitDoc;
  end(): void;
};

/** A linearized ("fast web view") file: first-page xref and hint streams, a classic trap for incremental updates. */
export function qpdfLinearized(pdf: Uint8Array, dir: string, name: string): Uint8Array {
  const input = join(dir, `${name}-in.pdf`);
  const output = join(dir, `${name}-lin.pdf`);
  writeFileSync(input, pdf);
  execFileSync('qpdf', ['--linearize', input, output]);
  return new Uint8Array(readFileSync(output));
}

/** poppler's `pdffonts` listing (name, type, encoding, emb, sub, uni). */
export function pdffonts(pdf: Uint8Array, dir: string): string {
  const file = join(dir, `fonts-${process.pid}-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

/** Checks the RFC 3161 token inside the first signature's CMS with `openssl ts -verify` (imprint = SHA-256 of the signature value). */
export async function opensslVerifySignatureTimestamp(pdf: Uint8Array, caPath: string, dir: string): Promise<boolean> {
  const pkijs = await import('pkijs');
  const { createHash } = await import('node:crypto');
  const text = Buffer.from(pdf).toString('latin1');
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  if (!m) return false;
  const [, a, b, c] = m.map(Number) as [number, number, number, number];
  const der = Buffer.from(text.slice(a + b + 1, c - 1), 'hex');
  const signed = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(der).content });
  const info = signed.signerInfos[0]!;
  const token = info.unsignedAttrs?.attributes.find((x) => x.type === '1.2.840.113549.1.9.16.2.14')?.values[0];
  if (!token) return false;
  const tokenFile = join(dir, 'sig-tst.der');
  writeFileSync(tokenFile, Buffer.from(token.toBER()));
  const digest = createHash('sha256').update(Buffer.from(info.signature.valueBlock.valueHexView)).digest('hex');
  try {
    execFileSync('openssl', ['ts', '-verify', '-digest', digest, '-in', tokenFile, '-token_in', '-CAfile', caPath], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** Counts rendered pixels of a colour family inside a page-1 region (PDF points, origin bottom-left), via pdftoppm. */
export function countColouredPixels(
  pdf: Uint8Array,
  dir: string,
  region: { x: number; y: number; width: number; height: number },
  colour: 'red' | 'blue',
): number {
  const file = join(dir, `render-${process.pid}-${Date.now()}.pdf`);
  const out = join(dir, `render-${process.pid}-${Date.now()}`);
  writeFileSync(file, pdf);
  const dpi = 36; // half a pixel per point
  execFileSync('pdftoppm', ['-r', `${dpi}`, '-f', '1', '-l', '1', '-singlefile', file, out]);
  const ppm = readFileSync(`${out}.ppm`);
  // P6 header: "P6\n<w> <h>\n255\n"
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 40))!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const start = header[0].length;
  const s = dpi / 72;
  let count = 0;
  for (let py = Math.floor(h - (region.y + region.height) * s); py < h - region.y * s; py++) {
    for (let px = Math.floor(region.x * s); px < (region.x + region.width) * s; px++) {
      const i = start + (py * w + px) * 3;
      const [r, g, b] = [ppm[i] ?? 255, ppm[i + 1] ?? 255, ppm[i + 2] ?? 255];
      if (colour === 'red' ? r > 150 && g < 110 && b < 110 : b > 150 && r < 110 && g < 130) count++;
    }
  }
  return count;
}

/** The draft re-written by Ghostscript's pdfwrite (another producer: its own fonts, streams and xref). */
export function ghostscriptRewrite(pdf: Uint8Array, dir: string, name: string): Uint8Array {
  const input = join(dir, `${name}-in.pdf`);
  const output = join(dir, `${name}-gs.pdf`);
  writeFileSync(input, pdf);
  execFileSync('gs', ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=pdfwrite', `-sOutputFile=${output}`, input], { stdio: 'pipe' });
  return new Uint8Array(readFileSync(output));
}
