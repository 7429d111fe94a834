/**
 * Did anything but further signatures change a PDF after a given signature? Every later incremental update
 * is compared object by object with the revision before it (both parsed by pdf-lib), and each change must be
 * one a signing application makes: a new signature widget in /Annots and /Fields, /AcroForm and /SigFlags in
 * the catalog, a /DSS. Anything else — page content, resources, a new non-signature annotation — counts as
 * a modification after signing.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFObject } from '@cantoo/pdf-lib';

export type ModificationVerdict = 'none' | 'signaturesOnly' | 'modified';

const ALLOWED_KEYS: Record<string, string[]> = {
  Catalog: ['AcroForm', 'DSS', 'Perms'],
  Page: ['Annots'],
  AcroForm: ['Fields', 'SigFlags', 'DR', 'DA', 'NeedAppearances'],
};

function sameObject(a: PDFObject, b: PDFObject): boolean {
  if (a instanceof PDFRawStream && b instanceof PDFRawStream) {
    return a.dict.toString() === b.dict.toString() && Buffer.compare(Buffer.from(a.contents), Buffer.from(b.contents)) === 0;
  }
  return a.toString() === b.toString();
}

function kindOf(obj: PDFObject): string | undefined {
  if (!(obj instanceof PDFDict)) return undefined;
  const type = obj.get(PDFName.of('Type'))?.toString();
  if (type === '/Catalog') return 'Catalog';
  if (type === '/Page') return 'Page';
  if (obj.has(PDFName.of('Fields'))) return 'AcroForm';
  return undefined;
}

function isSignatureWidget(doc: PDFDocument, ref: PDFObject): boolean {
  const annot = doc.context.lookupMaybe(ref, PDFDict);
  if (!annot) return false;
  const ft = annot.get(PDFName.of('FT')) ?? annot.lookupMaybe(PDFName.of('Parent'), PDFDict)?.get(PDFName.of('FT'));
  return annot.get(PDFName.of('Subtype'))?.toString() === '/Widget' && ft?.toString() === '/Sig';
}

/** An array that only grew by signature widgets (an indirect /Annots or /Fields array). */
function onlyAddsSignatureWidgets(cur: PDFDocument, before: PDFArray, after: PDFArray): boolean {
  const a = before.asArray().map(String);
  const b = after.asArray();
  if (b.length < a.length || a.some((x, i) => x !== String(b[i]))) return false;
  return b.slice(a.length).every((ref) => isSignatureWidget(cur, ref));
}

function allowedChange(cur: PDFDocument, before: PDFObject, after: PDFObject): boolean {
  if (before instanceof PDFArray && after instanceof PDFArray) return onlyAddsSignatureWidgets(cur, before, after);
  const kind = kindOf(before);
  if (!kind || !(before instanceof PDFDict) || !(after instanceof PDFDict)) return false;
  const allowed = new Set(ALLOWED_KEYS[kind]);
  const keys = new Set([...before.keys(), ...after.keys()].map((k) => k.asString().slice(1)));
  for (const key of keys) {
    const x = before.get(PDFName.of(key));
    const y = after.get(PDFName.of(key));
    if (!allowed.has(key)) {
      if (String(x) !== String(y)) return false;
      continue;
    }
    // New annotations and fields must be signature widgets; a direct array is checked here.
    if ((key === 'Annots' || key === 'Fields') && y instanceof PDFArray) {
      const prev = x instanceof PDFArray ? x : x ? cur.context.lookupMaybe(x, PDFArray) : undefined;
      if (!onlyAddsSignatureWidgets(cur, prev ?? PDFArray.withContext(cur.context), y)) return false;
    }
  }
  return true;
}

/** True when going from `prev` to `cur` only added signatures (and what they need). */
export function onlySignaturesAdded(prev: PDFDocument, cur: PDFDocument): boolean {
  for (const [ref, before] of prev.context.enumerateIndirectObjects()) {
    const after = cur.context.lookup(PDFRef.of(ref.objectNumber, ref.generationNumber));
    if (!after) continue;
    if (sameObject(before, after)) continue;
    if (!allowedChange(cur, before, after)) return false;
  }
  return true;
}

/**
 * Verdict for each signed length (the end of each signature's byte range): 'none' when the file ends there,
 * 'signaturesOnly' when later updates only added signatures, 'modified' otherwise.
 */
export async function modificationsAfter(pdf: Uint8Array, signedLengths: number[]): Promise<ModificationVerdict[]> {
  const boundaries = [...new Set([...signedLengths, pdf.length])].sort((a, b) => a - b);
  const docs = new Map<number, PDFDocument | null>();
  const load = async (end: number) => {
    if (!docs.has(end)) {
      docs.set(end, await PDFDocument.load(pdf.subarray(0, end), { updateMetadata: false, ignoreEncryption: true }).catch(() => null));
    }
    return docs.get(end)!;
  };
  // clean[i] tells whether the update from boundaries[i] to boundaries[i+1] only added signatures.
  const clean: boolean[] = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const prev = await load(boundaries[i]!);
    const cur = await load(boundaries[i + 1]!);
    clean.push(!!prev && !!cur && onlySignaturesAdded(prev, cur));
  }
  return signedLengths.map((len) => {
    const start = boundaries.indexOf(len);
    if (start === boundaries.length - 1) return 'none';
    return clean.slice(start).every(Boolean) ? 'signaturesOnly' : 'modified';
  });
}
