/**
 * Read rules of văn bản đi (the outgoing part of auth/visibility.ts), as SQL conditions for pull and blob download.
 *
 * - Drafts, their versions and history: clerk, leader and admin see all; the drafter sees own drafts; a unit head
 *   sees the drafts of own unit; the chosen signer sees the drafts they sign.
 * - An issued document: whoever sees its draft, plus its internal recipients (the user, or members of the unit).
 *   Recipients see the issued document and their own recipient row, never the draft's versions or history.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { User } from '../../src-shared/domain/entities';
import { queryRows, type Db } from '../db/client';

type Viewer = Pick<User, 'id' | 'role' | 'unitId'>;

const PRIVILEGED = new Set(['clerk', 'leader', 'admin']);

/** `draftIdColumn` (an SQL reference to a draft id) belongs to a draft the user may see. */
export function visibleDraft(user: Viewer, draftIdColumn: SQL): SQL {
  if (PRIVILEGED.has(user.role)) return sql`true`;
  const unitHead = user.role === 'unitHead' && user.unitId ? sql`d.unit_id = ${user.unitId}` : sql`false`;
  return sql`EXISTS (SELECT 1 FROM outgoing_drafts d WHERE d.id = ${draftIdColumn}
    AND (d.created_by = ${user.id} OR d.signer_id = ${user.id} OR ${unitHead}))`;
}

/** A recipient row addressed to the user or to the user's unit. */
export function addressedTo(user: Viewer, recipientAlias: string): SQL {
  const r = sql.raw(recipientAlias);
  const unit = user.unitId ? sql` OR ${r}.unit_id = ${user.unitId}` : sql``;
  return sql`(${r}.user_id = ${user.id}${unit})`;
}

/** `outgoingIdColumn` is an issued document the user may see (draft viewer or internal recipient). */
export function visibleOutgoing(user: Viewer, outgoingIdColumn: SQL): SQL {
  return sql`(${visibleDraft(user, outgoingIdColumn)} OR EXISTS (SELECT 1 FROM outgoing_recipients rr
    WHERE rr.outgoing_id = ${outgoingIdColumn} AND ${addressedTo(user, 'rr')}))`;
}

/** The blob is a file of a draft version or an issued document the user may see. */
export function outgoingBlobVisible(user: Viewer, sha: string): SQL {
  const ref = JSON.stringify([{ sha256: sha }]);
  return sql`(EXISTS (SELECT 1 FROM draft_versions v WHERE (v.pdf_sha256 = ${sha} OR v.docx->>'sha256' = ${sha}
      OR v.attachments @> ${ref}::jsonb) AND ${visibleDraft(user, sql`v.draft_id`)})
    OR EXISTS (SELECT 1 FROM outgoing_documents o WHERE (o.signed_pdf->>'sha256' = ${sha} OR o.issued_pdf->>'sha256' = ${sha}
      OR o.issued_attachments @> ${ref}::jsonb) AND ${visibleOutgoing(user, sql`o.id`)}))`;
}

export async function outgoingBlobReadable(db: Db, user: Viewer, sha: string): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(db, sql`SELECT 1 AS ok WHERE ${outgoingBlobVisible(user, sha)}`);
  return rows.length > 0;
}
