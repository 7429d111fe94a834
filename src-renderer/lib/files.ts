/** Reading files picked or dropped by the clerk, in the renderer, for `intake.stageFile` (base64). */

export const ACCEPTED_EXTENSIONS = ['.pdf', '.jpg', '.jpeg', '.png', '.tif', '.tiff'];
export const ACCEPT_ATTR = [...ACCEPTED_EXTENSIONS, 'application/pdf', 'image/jpeg', 'image/png', 'image/tiff'].join(',');

export function isAcceptedFile(name: string): boolean {
  const lower = name.toLowerCase();
  return ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function isImageFile(name: string): boolean {
  return /\.(jpe?g|png|tiff?)$/i.test(name);
}

/** Name of the PDF made from scans: the first image's name with .pdf ("scan_001.jpg" → "scan_001.pdf"). */
export function scanPdfName(imageNames: string[]): string {
  const first = imageNames[0] ?? 'ban-quet';
  return `${first.replace(/\.[^.]+$/, '') || 'ban-quet'}.pdf`;
}

export function mimeOf(name: string, browserType: string): string {
  if (browserType) return browserType;
  const lower = name.toLowerCase();
  if (lower.endsWith('.pdf')) return 'application/pdf';
  if (lower.endsWith('.png')) return 'image/png';
  if (lower.endsWith('.tif') || lower.endsWith('.tiff')) return 'image/tiff';
  return 'image/jpeg';
}

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Chunked: String.fromCharCode over a whole 100 MB buffer would overflow the call stack.
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
