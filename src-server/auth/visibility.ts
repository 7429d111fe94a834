/**
 * Who may see what — the ONE place for the read rules, so they can grow (assignments, unit scopes) without
 * hunting through queries. Rules return SQL conditions so pulls and blob downloads filter in the database.
 *
 * Today: clerk, leader and admin see every incoming document of the organization, secret ones included.
 * unitHead and staff see units, users and registers, and no incoming documents yet: the documents assigned
 * to them arrive with the assignment feature, and even then never secret ones.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { User } from '../../src-shared/domain/entities';
import type { Role } from '../../src-shared/domain/enums';
import { incomingDocuments } from '../db/schema';

export type AuthUser = User & { sessionClientId: string; tokenHash: string };

const SEES_ALL_DOCUMENTS: ReadonlySet<Role> = new Set(['clerk', 'leader', 'admin']);
const MAY_REGISTER_INCOMING: ReadonlySet<Role> = new Set(['clerk', 'admin']);

/** Condition on `incoming_documents` selecting the rows `user` may see (also gates their files and blobs). */
export function visibleIncomingDocuments(user: Pick<User, 'role' | 'id'>): SQL {
  if (SEES_ALL_DOCUMENTS.has(user.role)) return sql`true`;
  // Secret documents are never visible below the privileged roles; the assignment rule joins here later.
  const assignedToUser = sql`false`;
  return and(eq(incomingDocuments.secrecy, 'none'), assignedToUser) ?? sql`false`;
}

export function mayRegisterIncoming(user: Pick<User, 'role'>): boolean {
  return MAY_REGISTER_INCOMING.has(user.role);
}
