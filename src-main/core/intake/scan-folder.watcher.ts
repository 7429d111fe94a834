/**
 * The watched scan folder: the target of a scanner's "scan to folder". Polls the folder; a file is taken only when
 * its size and mtime are unchanged across two polls AND it can be opened for writing (Windows refuses while the
 * scanner still holds it) and read to its full size. Busy, partial or unreadable files are retried on later polls.
 * Identity is the file's SHA-256, recorded in SQLite BEFORE the file is moved into `da-nhan/`: a crash between the
 * two, a rescan to another name or a copy back never stages the same bytes twice.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { ArrivedFile, ScanFolderStatus, StagedFile } from '../../../src-shared/contract/methods';
import { MAX_FILE_BYTES } from '../../../src-shared/sync/protocol';

export const TAKEN_SUBFOLDER = 'da-nhan';
/** A file that keeps failing with the same bytes is recorded as refused after this many polls. */
const MAX_ATTEMPTS = 5;
/** Names scanners and copy tools use while a file is still being written. */
const TEMPORARY = /(^~\$|^\.|\.(tmp|part|partial|crdownload|download|lock)$)/i;

export type ScanFolderDeps = {
  sqlite: Database.Database;
  /** Stages the bytes (throws AppError when refused); only called while a user is signed in. */
  stage: (name: string, bytes: Uint8Array) => Promise<StagedFile>;
  signedIn: () => boolean;
  emit: (file: ArrivedFile) => void;
  getFolder: () => string | null;
  saveFolder: (path: string | null) => void;
  log?: (msg: string, extra?: unknown) => void;
  pollMs?: number;
  now?: () => Date;
};

type Seen = { size: number; mtimeMs: number; stablePolls: number; failures: number; failedSha?: string };

export type ScanFolderWatcher = ReturnType<typeof createScanFolderWatcher>;

export function createScanFolderWatcher(deps: ScanFolderDeps) {
  const now = deps.now ?? (() => new Date());
  const seen = new Map<string, Seen>();
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<void> | null = null;

  function problemOf(path: string | null): string | null {
    if (!path) return null;
    try {
      if (!statSync(path).isDirectory()) return 'Đường dẫn này không phải là thư mục. Hãy chọn thư mục mà máy quét lưu tệp vào.';
      readdirSync(path);
      return null;
    } catch {
      return 'Không mở được thư mục quét (không tồn tại hoặc không có quyền đọc). Hãy kiểm tra lại đường dẫn hoặc quyền truy cập.';
    }
  }

  function status(): ScanFolderStatus {
    const path = deps.getFolder();
    const problem = problemOf(path);
    return { path, active: !!path && !problem && deps.signedIn(), problem };
  }

  /** Reads the whole file if nobody else holds it; null when busy or still changing. */
  function readWhole(path: string, expectedSize: number): Buffer | null {
    let fd: number;
    try {
      fd = openSync(path, 'r+');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EBUSY' || code === 'EPERM' || code === 'ETXTBSY') return null;
      if (code !== 'EACCES' && code !== 'EROFS') throw err;
      fd = openSync(path, 'r'); // a read-only share or file: nothing to lock against, reading is enough
    }
    try {
      const size = fstatSync(fd).size;
      if (size !== expectedSize) return null;
      const buf = Buffer.alloc(size);
      let off = 0;
      while (off < size) {
        const n = readSync(fd, buf, off, size - off, off);
        if (n === 0) return null;
        off += n;
      }
      return buf;
    } finally {
      closeSync(fd);
    }
  }

  function moveToTaken(folder: string, path: string, name: string): string | null {
    const dir = join(folder, TAKEN_SUBFOLDER);
    mkdirSync(dir, { recursive: true });
    const ext = extname(name);
    const stem = name.slice(0, name.length - ext.length);
    let target = join(dir, name);
    for (let i = 2; existsSync(target); i++) target = join(dir, `${stem} (${i})${ext}`);
    try {
      renameSync(path, target);
      return target;
    } catch (err) {
      // Still held by another program: the row is written, the next poll moves it (and never stages it again).
      deps.log?.('scan folder: move failed, will retry', { path, err: String(err) });
      return null;
    }
  }

  function record(row: { sha256: string; path: string; name: string; staged: string | null; error: string | null }): string {
    const takenAt = now().toISOString();
    deps.sqlite
      .prepare(
        `INSERT INTO scan_intake (sha256, source_path, taken_path, name, staged_sha256, error, taken_at)
         VALUES (?, ?, NULL, ?, ?, ?, ?)`,
      )
      .run(row.sha256, row.path, row.name, row.staged, row.error, takenAt);
    return takenAt;
  }

  async function takeOne(folder: string, name: string): Promise<void> {
    const path = join(folder, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      seen.delete(path);
      return;
    }
    if (!st.isFile()) return;
    const prev = seen.get(path);
    const unchanged = prev && prev.size === st.size && prev.mtimeMs === st.mtimeMs;
    const entry: Seen = unchanged ? { ...prev, stablePolls: prev.stablePolls + 1 } : { size: st.size, mtimeMs: st.mtimeMs, stablePolls: 0, failures: 0 };
    seen.set(path, entry);
    if (entry.stablePolls < 1 || st.size === 0) return;
    if (st.size > MAX_FILE_BYTES) {
      if (entry.failures++ === 0) deps.log?.('scan folder: file too large, left in place', { path, size: st.size });
      return;
    }
    const bytes = readWhole(path, st.size);
    if (!bytes) return;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = deps.sqlite.prepare('SELECT error, taken_path FROM scan_intake WHERE sha256 = ?').get(sha256) as
      | { error: string | null; taken_path: string | null }
      | undefined;
    if (known) {
      // Taken before (or refused for good): never stage the same bytes twice. A refused file stays where the clerk put it.
      if (!known.error) {
        const target = moveToTaken(folder, path, name);
        if (target && !known.taken_path) deps.sqlite.prepare('UPDATE scan_intake SET taken_path = ? WHERE sha256 = ?').run(target, sha256);
      }
      seen.delete(path);
      return;
    }
    let staged: StagedFile;
    try {
      staged = await deps.stage(name, bytes);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      entry.failures = entry.failedSha === sha256 ? entry.failures + 1 : 1;
      entry.failedSha = sha256;
      // A scanner may leave a file "stable" for a moment while it still has pages to write: give it a few polls.
      if (entry.failures < MAX_ATTEMPTS) return;
      const takenAt = record({ sha256, path, name, staged: null, error: err.message });
      seen.delete(path);
      deps.emit({ sourceSha256: sha256, sourceName: name, takenAt, staged: null, error: err.message });
      return;
    }
    const takenAt = record({ sha256, path, name, staged: staged.sha256, error: null });
    const target = moveToTaken(folder, path, name);
    if (target) deps.sqlite.prepare('UPDATE scan_intake SET taken_path = ? WHERE sha256 = ?').run(target, sha256);
    seen.delete(path);
    deps.emit({ sourceSha256: sha256, sourceName: name, takenAt, staged, error: null });
  }

  async function pollOnce(): Promise<void> {
    const folder = deps.getFolder();
    if (!folder || !deps.signedIn() || problemOf(folder)) return;
    const names = readdirSync(folder, { withFileTypes: true })
      .filter((d) => d.isFile() && !TEMPORARY.test(d.name))
      .map((d) => d.name)
      .sort();
    for (const p of [...seen.keys()]) if (!names.some((n) => join(folder, n) === p)) seen.delete(p);
    for (const name of names) {
      try {
        await takeOne(folder, name);
      } catch (err) {
        deps.log?.('scan folder: file skipped this poll', { name, err: String(err) });
      }
    }
  }

  /** One poll at a time; a poll that finds work already running just waits for it. */
  function poll(): Promise<void> {
    polling ??= pollOnce().finally(() => {
      polling = null;
    });
    return polling;
  }

  return {
    status,
    poll,
    setFolder(path: string | null): ScanFolderStatus {
      const problem = problemOf(path);
      if (path && problem) throw new AppError('INVALID_INPUT', problem);
      deps.saveFolder(path);
      seen.clear();
      return status();
    },
    listArrived(limit: number): ArrivedFile[] {
      const rows = deps.sqlite
        .prepare(
          `SELECT s.sha256, s.name, s.taken_at, s.error, s.staged_sha256, b.size, b.name AS staged_name, b.mime, b.page_count
           FROM scan_intake s LEFT JOIN local_blobs b ON b.sha256 = s.staged_sha256 ORDER BY s.taken_at DESC LIMIT ?`,
        )
        .all(limit) as {
          sha256: string; name: string; taken_at: string; error: string | null; staged_sha256: string | null; size: number | null;
          staged_name: string | null; mime: string | null; page_count: number | null;
        }[];
      return rows.map((r) => ({
        sourceSha256: r.sha256, sourceName: r.name, takenAt: r.taken_at, error: r.error,
        staged: r.staged_sha256 && r.size !== null
          ? { sha256: r.staged_sha256, name: r.staged_name ?? r.name, size: r.size, mime: r.mime ?? 'application/pdf', pageCount: r.page_count }
          : null,
      }));
    },
    start(): void {
      if (timer) return;
      timer = setInterval(() => void poll().catch((err) => deps.log?.('scan folder poll failed', String(err))), deps.pollMs ?? 1500);
      timer.unref();
    },
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await polling?.catch(() => undefined);
    },
  };
}
