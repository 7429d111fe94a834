/**
 * Pull: changes with version > cursor, in version order, filtered by what the user may see.
 *
 * Each replicated table is read with `version > cursor ORDER BY version LIMIT limit+1` in ONE snapshot
 * (repeatable read), then merged; the first `limit` rows of the merge are exactly the smallest versions overall,
 * and `hasMore` is true when anything was left. The returned cursor is the last change's version while more
 * remain, else the newest committed version. Because version writers commit in version order
 * (db/versions.ts), a stored cursor is a checkpoint: resuming from it skips nothing and repeats nothing.
 */
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { Change, PullResponse } from '../../src-shared/sync/protocol';
import type { Db } from '../db/client';
import { toDocumentFile, toIncomingDocument, toRegister, toUnit, toUser } from '../db/mappers';
import { documentFiles, incomingDocuments, registers, units, users } from '../db/schema';
import { maxCommittedVersion } from '../db/versions';
import { pullOutgoing } from './pull-outgoing';
import { visibleIncomingDocuments, type AuthUser } from '../auth/visibility';
import { pullRouting } from './pull-routing';

export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PULL_LIMIT = 5000;

export async function pull(db: Db, user: AuthUser, cursor: number, limit: number): Promise<PullResponse> {
  return db.transaction(
    async (tx) => {
      const take = limit + 1;
      const docsVisible: SQL = visibleIncomingDocuments(user);
      const [unitRows, userRows, registerRows, docRows, fileRows] = [
        await tx.select().from(units).where(gt(units.version, cursor)).orderBy(asc(units.version)).limit(take),
        await tx.select().from(users).where(gt(users.version, cursor)).orderBy(asc(users.version)).limit(take),
        await tx.select().from(registers).where(gt(registers.version, cursor)).orderBy(asc(registers.version)).limit(take),
        await tx
          .select()
          .from(incomingDocuments)
          .where(and(gt(incomingDocuments.version, cursor), docsVisible))
          .orderBy(asc(incomingDocuments.version))
          .limit(take),
        await tx
          .select({ file: documentFiles })
          .from(documentFiles)
          .innerJoin(incomingDocuments, eq(incomingDocuments.id, documentFiles.documentId))
          .where(and(gt(documentFiles.version, cursor), docsVisible))
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
      all.push(...(await pullOutgoing(tx, user, cursor, take)));
      all.push(...(await pullRouting(tx, user, cursor, take)));
      all.sort((a, b) => a.version - b.version);
      const changes = all.slice(0, limit);
      const hasMore = all.length > limit;
      // More to come: the checkpoint is the last change returned. Nothing left in this snapshot: jump to the newest
      // committed version, so rows hidden from this user are not scanned again on every pull.
      const last = changes.at(-1);
      const next = hasMore && last ? last.version : Math.max(cursor, last?.version ?? 0, await maxCommittedVersion(tx));
      return { changes, cursor: next, hasMore };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
