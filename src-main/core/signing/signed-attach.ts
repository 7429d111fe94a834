/**
 * Attaching a signed file to the document it came from. The signing service does not know drafts, outgoing or
 * incoming documents: each feature registers an attacher for its kind in createCore (e.g. issue 7: a signed
 * draft becomes its new version). The signed file is stored before any attacher runs, so a failing attacher
 * never loses a signature: the result says what happened and what to do.
 */
import type { SigningAppearance } from '../../../src-shared/contract/methods';
import type { SignedFileTarget } from '../../../src-shared/contract/methods-signing';

export type SignedFile = { sha256: string; name: string; size: number; mime: 'application/pdf' };

export type SignedFileAttacher = (args: {
  target: SignedFileTarget;
  file: SignedFile;
  appearance: SigningAppearance | 'docTimeStamp';
  /** The earlier file this one replaces (a queued file that got its document timestamp later). */
  replaces?: string;
}) => Promise<void> | void;

export type SignedFileAttachers = Partial<Record<SignedFileTarget['kind'], SignedFileAttacher>>;

const KIND_NAME: Record<SignedFileTarget['kind'], string> = { incoming: 'văn bản đến', draft: 'dự thảo', outgoing: 'văn bản đi' };

export async function attachSignedFile(
  attachers: SignedFileAttachers,
  args: Parameters<SignedFileAttacher>[0],
): Promise<{ attachedTo: SignedFileTarget | null; attachError: string | null }> {
  const attach = attachers[args.target.kind];
  if (!attach) {
    return {
      attachedTo: null,
      attachError: `Đã ký và lưu tệp, nhưng chưa gắn được vào ${KIND_NAME[args.target.kind]} trên máy này. Hãy tải tệp đã ký lên ${KIND_NAME[args.target.kind]} bằng tay.`,
    };
  }
  try {
    await attach(args);
    return { attachedTo: args.target, attachError: null };
  } catch (err) {
    const reason = err instanceof Error && err.message ? ` (${err.message})` : '';
    return {
      attachedTo: null,
      attachError: `Đã ký và lưu tệp, nhưng không gắn được vào ${KIND_NAME[args.target.kind]}${reason}. Hãy mở ${KIND_NAME[args.target.kind]} và thêm tệp đã ký.`,
    };
  }
}
