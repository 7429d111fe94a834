/**
 * Visible signature appearances per ND30 appendix I (DOMAIN.md): the leader's approval image between the
 * position line and the full name, the organization's seal over the left third of it, and a text stamp at the
 * top right of the first page for attachment files and electronic copies (Times-metric font, 10 pt).
 * Each builder returns the widget (page, rect, appearance form XObject) for pdf-incremental.
 */
import fontkit from '@cantoo/fontkit';
import {
  beginText,
  concatTransformationMatrix,
  drawObject,
  endText,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  showText,
  type PDFDocument,
} from '@cantoo/pdf-lib';
import type { PdfRect, SignatureWidget } from './pdf-incremental';

export const MM = 72 / 25.4;

/** ISO 8601 with the Vietnam offset, as the stamps show it: 2026-11-23T18:45:00+07:00. */
export function isoVietnamTime(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3_600_000);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

/** Approval image box centred between the position line (above) and the full name (below). */
export function approvalRectBetween(args: { centerX: number; positionBaselineY: number; nameTopY: number; width?: number }): PdfRect {
  const height = Math.max(10, args.positionBaselineY - args.nameTopY);
  const width = args.width ?? Math.min(50 * MM, height * 2.5);
  return { x: args.centerX - width / 2, y: args.nameTopY, width, height };
}

/**
 * The seal at real size (default 36 mm, a common round seal), centred vertically on the leader's signature
 * and placed so that it covers about the left third of it.
 */
export function sealRectOver(approval: PdfRect, sealDiameterMm = 36): PdfRect {
  const d = sealDiameterMm * MM;
  const coveredRightEdge = approval.x + approval.width / 3;
  return { x: coveredRightEdge - d, y: approval.y + approval.height / 2 - d / 2, width: d, height: d };
}

export function attachmentStampLines(numberAndSymbol: string, signingTime: Date): string[] {
  return [numberAndSymbol, isoVietnamTime(signingTime)];
}

export function copyStampLines(copyForm: string, copyingOrganization: string, signingTime: Date): string[] {
  return [copyForm, copyingOrganization, isoVietnamTime(signingTime)];
}

/** A PNG (transparent background) fitted into `rect`, keeping its aspect ratio, centred. */
export function imageAppearance(args: { png: Uint8Array; pageIndex: number; rect: PdfRect }) {
  return async (doc: PDFDocument): Promise<SignatureWidget> => {
    const image = await doc.embedPng(args.png);
    const { width: bw, height: bh } = args.rect;
    const scale = Math.min(bw / image.width, bh / image.height);
    const w = image.width * scale;
    const h = image.height * scale;
    const ops = [
      pushGraphicsState(),
      concatTransformationMatrix(w, 0, 0, h, (bw - w) / 2, (bh - h) / 2),
      drawObject('Img'),
      popGraphicsState(),
    ];
    const stream = doc.context.formXObject(ops, {
      BBox: [0, 0, bw, bh],
      Resources: { XObject: { Img: image.ref } },
    });
    return { pageIndex: args.pageIndex, rect: args.rect, appearance: doc.context.register(stream) };
  };
}

/** Lines of text at the top right of the first page (attachment files, electronic copies). */
export function textStampAppearance(args: { lines: string[]; font: Uint8Array; fontSize?: number; marginMm?: number }) {
  return async (doc: PDFDocument): Promise<SignatureWidget> => {
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(args.font, { subset: true });
    const size = args.fontSize ?? 10;
    const lines = args.lines.map((l) => l.normalize('NFC'));
    const leading = size * 1.2;
    const padding = 2;
    const width = Math.max(...lines.map((l) => font.widthOfTextAtSize(l, size))) + 2 * padding;
    const height = leading * lines.length + 2 * padding;
    const page = doc.getPage(0);
    const { width: pw, height: ph } = page.getSize();
    const margin = (args.marginMm ?? 10) * MM;
    const rect = { x: pw - margin - width, y: ph - margin - height, width, height };
    const ops = [pushGraphicsState(), setFillingRgbColor(0, 0, 0), beginText(), setFontAndSize('F1', size)];
    ops.push(moveText(padding, height - padding - size));
    lines.forEach((line, i) => {
      if (i > 0) ops.push(moveText(0, -leading));
      ops.push(showText(font.encodeText(line)));
    });
    ops.push(endText(), popGraphicsState());
    const stream = doc.context.formXObject(ops, { BBox: [0, 0, width, height], Resources: { Font: { F1: font.ref } } });
    return { pageIndex: 0, rect, appearance: doc.context.register(stream) };
  };
}

export type FillInText = { text: string; pageIndex: number; x: number; y: number; fontSize?: number };

/** Text the clerk's signature fills in on the document (number, issue date) at a baseline position. */
export function fillInTextAppearance(args: FillInText & { font: Uint8Array }) {
  return async (doc: PDFDocument): Promise<SignatureWidget> => {
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(args.font, { subset: true });
    const size = args.fontSize ?? 13;
    const text = args.text.normalize('NFC');
    const width = font.widthOfTextAtSize(text, size) + 2;
    const descent = size * 0.25;
    const height = size * 1.2;
    const ops = [pushGraphicsState(), setFillingRgbColor(0, 0, 0), beginText(), setFontAndSize('F1', size), moveText(1, descent)];
    ops.push(showText(font.encodeText(text)), endText(), popGraphicsState());
    const stream = doc.context.formXObject(ops, { BBox: [0, 0, width, height], Resources: { Font: { F1: font.ref } } });
    const rect = { x: args.x - 1, y: args.y - descent, width, height };
    return { pageIndex: args.pageIndex, rect, appearance: doc.context.register(stream) };
  };
}

/**
 * One appearance made of several parts on the same page (the seal plus the filled-in number and date): a
 * form XObject spanning all of them that draws each part where it belongs. It keeps everything inside the
 * clerk's one signature widget, so the texts are covered by that signature and the leader's stays valid.
 */
export function combinedAppearance(parts: Array<(doc: PDFDocument) => Promise<SignatureWidget>>) {
  return async (doc: PDFDocument): Promise<SignatureWidget> => {
    const widgets: SignatureWidget[] = [];
    for (const build of parts) widgets.push(await build(doc));
    const pageIndex = widgets[0]!.pageIndex;
    if (widgets.some((w) => w.pageIndex !== pageIndex)) throw new Error('combined appearance parts must share a page');
    const x0 = Math.min(...widgets.map((w) => w.rect.x));
    const y0 = Math.min(...widgets.map((w) => w.rect.y));
    const x1 = Math.max(...widgets.map((w) => w.rect.x + w.rect.width));
    const y1 = Math.max(...widgets.map((w) => w.rect.y + w.rect.height));
    const ops = widgets.flatMap((w, i) => [
      pushGraphicsState(),
      concatTransformationMatrix(1, 0, 0, 1, w.rect.x - x0, w.rect.y - y0),
      drawObject(`P${i}`),
      popGraphicsState(),
    ]);
    const xobjects = Object.fromEntries(widgets.map((w, i) => [`P${i}`, w.appearance]));
    const stream = doc.context.formXObject(ops, { BBox: [0, 0, x1 - x0, y1 - y0], Resources: { XObject: xobjects } });
    return { pageIndex, rect: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, appearance: doc.context.register(stream) };
  };
}
