import { describe, expect, it } from 'vitest';
import { isAcceptedFile, isImageFile, scanPdfName } from './files';

describe('files picked by the clerk', () => {
  it('sends scans (JPEG/PNG/TIFF, any case) to be joined into one PDF, and PDFs on their own', () => {
    expect(['a.JPG', 'b.jpeg', 'c.png', 'd.TIF', 'e.tiff'].every(isImageFile)).toBe(true);
    expect(isImageFile('van-ban.pdf')).toBe(false);
    expect(isAcceptedFile('van-ban.PDF')).toBe(true);
    expect(isAcceptedFile('van-ban.docx')).toBe(false);
  });

  it('names the PDF made from scans after the first page', () => {
    expect(scanPdfName(['scan_001.jpg', 'scan_002.jpg'])).toBe('scan_001.pdf');
    expect(scanPdfName(['trang.1.tiff'])).toBe('trang.1.pdf');
    expect(scanPdfName([])).toBe('ban-quet.pdf');
  });
});
