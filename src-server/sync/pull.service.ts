/**
 * Pull: changes with version > cursor, in version order, filtered by what the user may see.
 *
 * Everything is read in ONE snapshot (repeatable read), in the version window (cursor, newest committed version]
 * (pull-window.ts): every replicated table is read with `version in window ORDER BY version LIMIT limit+1` and the
 * results merged; the first `limit` rows of the merge are exactly the smallest versions overall. The returned cursor
 * is the last change's version when more remain, else the newest committed version. Because version writers commit in version order
 * (db/versions.ts), a stored cursor is a checkpoint: resuming from it skips nothing and repeats nothing.
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Change, PullResponse } from '../../src-shared/sync/protocol';
import type { Db, Tx } from '../db/client';
import { toDocumentFile, toIncomingDocument, toRegister, toUnit, toUser } from '../db/mappers';
import { documentFiles, incomingDocuments, registers, units, users } from '../db/schema';
import { maxCommittedVersion } from '../db/versions';
import { pullOutgoing } from './pull-outgoing';
import { visibleIncomingDocuments, type AuthUser } from '../auth/visibility';
import { pullRouting } from './pull-routing';
import { inWindow, type VersionWindow } from './pull-window';

export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PULL_LIMIT = 5000;

/** Every change in the window the user may see, at most `take` per table (tables are read in version order). */
async function readWindow(tx: Tx, user: AuthUser, window: VersionWindow, take: number): Promise<Change[]> {
  const docsVisible: SQL = visibleIncomingDocuments(user);
  const [unitRows, userRows, registerRows, docRows, fileRows] = [
    await tx.select().from(units).where(inWindow(units.version, window)).orderBy(asc(units.version)).limit(take),
    await tx.select().from(users).where(inWindow(users.version, window)).orderBy(asc(users.version)).limit(take),
    await tx.select().from(registers).where(inWindow(registers.version, window)).orderBy(asc(registers.version)).limit(take),
    await tx
      .select()
      .from(incomingDocuments)
      .where(and(inWindow(incomingDocuments.version, window), docsVisible))
      .orderBy(asc(incomingDocuments.version))
      .limit(take),
    await tx
      .select({ file: documentFiles })
      .from(documentFiles)
      .innerJoin(incomingDocuments, eq(incomingDocuments.id, documentFiles.documentId))
      .where(and(inWindow(documentFiles.version, window), docsVisible))
      .orderBy(asc(documentFiles.version))
      .limit(take),
  ];
  const all: Change[] = [
    ...unitRows.map((r): Change => ({ entity: 'unit', id: r.id, version: r.version, deleted: false, data: toUnit(r) })),
    ...userRows.map((r): Change => ({ entity: 'user', id: r.id, version: r.version, deleted: false, data: toUser(r) })),
    ...registerRows.map(
      (r): Change => ({ entity: 'register', id: r.id, version: r.version, deleted: false, data: toRegister(r) }),
    ),
    ...docRows.map(
      (r): Change => ({
        entity: 'incomingDocument',
        id: r.id,
        version: r.version,
        deleted: false,
        data: toIncomingDocument(r),
      }),
    ),
    ...fileRows.map(
      ({ file }): Change => ({
        entity: 'documentFile',
        id: file.id,
        version: file.version,
        deleted: false,
        data: toDocumentFile(file),
      }),
    ),
  ];
  all.push(...(await pullOutgoing(tx, user, window, take)));
  all.push(...(await pullRouting(tx, user, window, take)));
  return all;
}

export async function pull(db: Db, user: AuthUser, cursor: number, limit: number): Promise<PullResponse> {
  return db.transaction(
    async (tx) => {
      const take = limit + 1;
      const top = await maxCommittedVersion(tx);
      // One window up to the newest committed version. Narrow windows, (cursor, cursor+limit] widened while the page
      // is not full, read fewer rows in theory, but the one 100,000-document run we could make with them on this
      // machine was slower and used more memory (bench/initial-sync.bench.ts); kept off until measured properly.
      const window: VersionWindow = { after: cursor, upTo: top };
      const all = await readWindow(tx, user, window, take);
      all.sort((a, b) => a.version - b.version);
      const changes = all.slice(0, limit);
      const full = all.length > limit;
      const last = changes.at(-1);
      // Full page: resume after its last change. Otherwise everything up to the window's end was read.
      const next = full && last ? last.version : Math.max(cursor, window.upTo);
      return { changes, cursor: next, hasMore: full || window.upTo < top };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
