/**
 * Adds a signature field to a PDF as an incremental update (the earlier bytes are kept as they are, so
 * earlier signatures keep verifying), reserves /Contents, fixes /ByteRange, and patches the CMS in place.
 * @cantoo/pdf-lib writes the update (new objects + xref + trailer with /Prev); we only patch fixed-width
 * placeholders in the bytes it appended, so nothing before the update is ever touched.
 */
import {
  EncryptedPDFError,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFRef,
  PDFString,
} from '@cantoo/pdf-lib';
import { AppError } from '../../../src-shared/contract/errors';
import { sha256 } from './cms';

export type PdfRect = { x: number; y: number; width: number; height: number };

export type SignatureWidget = { pageIndex: number; rect: PdfRect; appearance: PDFRef };

export type SignatureFieldSpec = {
  fieldName: string;
  /** /Sig for CMS signatures, /DocTimeStamp for document timestamps. */
  kind: 'signature' | 'docTimeStamp';
  signerName?: string;
  reason?: string;
  location?: string;
  signingTime: Date;
  /** Bytes reserved for the CMS (the hex placeholder is twice this). */
  contentsBytes: number;
  /** Builds the visible appearance inside the document being updated; absent = invisible signature. */
  buildWidget?: (doc: PDFDocument) => Promise<SignatureWidget>;
};

export type PreparedPdf = {
  bytes: Uint8Array;
  byteRange: [number, number, number, number];
  /** Offset of the first hex digit inside /Contents <...>. */
  contentsOffset: number;
  contentsHexLength: number;
};

const BYTE_RANGE_PLACEHOLDER = 9_999_999_999;

/** PDF date with the Vietnam offset, e.g. D:20261123184500+07'00'. */
export function pdfDate(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3_600_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(local.getUTCFullYear(), 4)}${p(local.getUTCMonth() + 1)}${p(local.getUTCDate())}${p(local.getUTCHours())}${p(
    local.getUTCMinutes(),
  )}${p(local.getUTCSeconds())}+07'00'`;
}

/** Loads a PDF for an incremental update, turning parser failures into messages the user can act on. */
export async function loadForUpdate(pdf: Uint8Array): Promise<PDFDocument> {
  const head = Buffer.from(pdf.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new AppError('PDF_CORRUPT');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false, throwOnInvalidObject: true });
  } catch (err) {
    if (err instanceof EncryptedPDFError || /encrypt/i.test(String(err))) throw new AppError('PDF_ENCRYPTED');
    throw new AppError('PDF_CORRUPT', undefined, String(err));
  }
  if (doc.isEncrypted) throw new AppError('PDF_ENCRYPTED');
  if (doc.getPageCount() === 0) throw new AppError('PDF_CORRUPT');
  return doc;
}

/**
 * A certified document (DocMDP) with P=1 allows no change at all: a new signature would break the
 * certification, so the user is told instead (P=2 and P=3 allow further signatures).
 */
function assertChangesAllowed(doc: PDFDocument): void {
  const perms = doc.catalog.lookupMaybe(PDFName.of('Perms'), PDFDict);
  const certification = perms?.lookupMaybe(PDFName.of('DocMDP'), PDFDict);
  const refs = certification?.lookupMaybe(PDFName.of('Reference'), PDFArray)?.asArray() ?? [];
  for (const ref of refs) {
    const params = doc.context.lookupMaybe(ref, PDFDict)?.lookupMaybe(PDFName.of('TransformParams'), PDFDict);
    const p = params?.lookupMaybe(PDFName.of('P'), PDFNumber)?.asNumber() ?? 2;
    if (p === 1) {
      throw new AppError(
        'INVALID_INPUT',
        'Văn bản đã được chứng thực và không cho phép thêm chữ ký. Hãy đề nghị nơi ban hành gửi bản cho phép ký tiếp.',
      );
    }
  }
}

export async function prepareSignatureRevision(pdf: Uint8Array, spec: SignatureFieldSpec): Promise<PreparedPdf> {
  const doc = await loadForUpdate(pdf);
  assertChangesAllowed(doc);
  const ctx = doc.context;
  const sigDict = ctx.obj({
    Type: spec.kind === 'signature' ? 'Sig' : 'DocTimeStamp',
    Filter: 'Adobe.PPKLite',
    SubFilter: spec.kind === 'signature' ? 'ETSI.CAdES.detached' : 'ETSI.RFC3161',
    ByteRange: [0, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER],
  });
  sigDict.set(PDFName.of('Contents'), PDFHexString.of('0'.repeat(spec.contentsBytes * 2)));
  // Vietnamese names must survive every reader: UTF-16BE hex strings, NFC first.
  if (spec.signerName) sigDict.set(PDFName.of('Name'), PDFHexString.fromText(spec.signerName.normalize('NFC')));
  if (spec.reason) sigDict.set(PDFName.of('Reason'), PDFHexString.fromText(spec.reason.normalize('NFC')));
  if (spec.location) sigDict.set(PDFName.of('Location'), PDFHexString.fromText(spec.location.normalize('NFC')));
  if (spec.kind === 'signature') sigDict.set(PDFName.of('M'), PDFString.of(pdfDate(spec.signingTime)));
  const sigRef = ctx.register(sigDict);

  const widget = spec.buildWidget ? await spec.buildWidget(doc) : undefined;
  const page = doc.getPage(widget?.pageIndex ?? 0);
  const r = widget?.rect ?? { x: 0, y: 0, width: 0, height: 0 };
  // One dictionary is both the field and its widget: verifiers (poppler) do not follow /Kids of signature fields.
  const field = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [r.x, r.y, r.x + r.width, r.y + r.height],
    F: 132, // Print + Locked: shown and printed, not movable.
    P: page.ref,
  });
  field.set(PDFName.of('T'), PDFHexString.fromText(spec.fieldName));
  field.set(PDFName.of('V'), sigRef);
  if (widget) field.set(PDFName.of('AP'), ctx.obj({ N: widget.appearance }));
  const fieldRef = ctx.register(field);

  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (annots) annots.push(fieldRef);
  else page.node.set(PDFName.of('Annots'), ctx.obj([fieldRef]));
  // A direct Annots array lives inside the page dict; make sure the page itself is rewritten.
  ctx.registerObjectChange(page.node);

  const acroForm = doc.catalog.getOrCreateAcroForm();
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  let fields = acroForm.dict.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (!fields) {
    fields = ctx.obj([]);
    acroForm.dict.set(PDFName.of('Fields'), fields);
  }
  fields.push(fieldRef);
  ctx.registerObjectChange(acroForm.dict);

  // Object streams would compress the signature dictionary and hide the placeholders from patching.
  const bytes = await doc.commit({ useObjectStreams: false });
  return locatePlaceholders(bytes, pdf.length, spec.contentsBytes);
}

function locatePlaceholders(bytes: Uint8Array, updateStart: number, contentsBytes: number): PreparedPdf {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1', updateStart);
  const br = /\/ByteRange\s*\[\s*0\s+9999999999\s+9999999999\s+9999999999\s*\]/.exec(text);
  const hexMarker = `<${'0'.repeat(contentsBytes * 2)}>`;
  const contentsAt = text.indexOf(hexMarker);
  if (!br || contentsAt < 0) throw new AppError('INTERNAL', undefined, 'signature placeholders not found');
  const contentsStart = updateStart + contentsAt; // the '<'
  const contentsEnd = contentsStart + hexMarker.length; // after '>'
  const byteRange: [number, number, number, number] = [0, contentsStart, contentsEnd, bytes.length - contentsEnd];
  const brStart = updateStart + br.index;
  const brText = br[0];
  const replacement = `/ByteRange [0 ${byteRange[1]} ${byteRange[2]} ${byteRange[3]}]`.padEnd(brText.length, ' ');
  if (replacement.length !== brText.length) throw new AppError('INTERNAL', undefined, 'ByteRange does not fit');
  buf.write(replacement, brStart, 'latin1');
  return { bytes, byteRange, contentsOffset: contentsStart + 1, contentsHexLength: contentsBytes * 2 };
}

/** SHA-256 over the two signed ranges (everything except the /Contents hex string). */
export function digestByteRange(prepared: PreparedPdf): Uint8Array {
  const [a, b, c, d] = prepared.byteRange;
  return sha256([prepared.bytes.subarray(a, a + b), prepared.bytes.subarray(c, c + d)]);
}

export function embedCms(prepared: PreparedPdf, cms: Uint8Array): Uint8Array {
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > prepared.contentsHexLength) {
    throw new AppError('INTERNAL', undefined, `CMS of ${cms.length} bytes exceeds the reserved space`);
  }
  Buffer.from(prepared.bytes.buffer, prepared.bytes.byteOffset).write(hex, prepared.contentsOffset, 'latin1');
  return prepared.bytes;
}

/** Rect of an existing signature widget by field name prefix (e.g. the leader's approval, for the seal). */
export async function findSignatureWidget(
  pdf: Uint8Array,
  fieldNamePrefix: string,
): Promise<{ pageIndex: number; rect: PdfRect } | undefined> {
  const doc = await loadForUpdate(pdf);
  const pages = doc.getPages();
  let found: { pageIndex: number; rect: PdfRect } | undefined;
  pages.forEach((page, pageIndex) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (const item of annots?.asArray() ?? []) {
      const annot = doc.context.lookupMaybe(item, PDFDict);
      const name = annot?.lookupMaybe(PDFName.of('T'), PDFString, PDFHexString)?.decodeText();
      if (!annot || !name?.startsWith(fieldNamePrefix)) continue;
      const [x1, y1, x2, y2] = (annot.lookup(PDFName.of('Rect'), PDFArray).asArray() as PDFNumber[]).map((n) => n.asNumber());
      found ??= { pageIndex, rect: { x: x1!, y: y1!, width: x2! - x1!, height: y2! - y1! } };
    }
  });
  return found;
}
