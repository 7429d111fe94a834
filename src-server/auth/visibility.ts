/**
 * Who may see what — the ONE place for the read rules, so they can grow (assignments, unit scopes) without
 * hunting through queries. Rules return SQL conditions so pulls and blob downloads filter in the database.
 *
 * Today: clerk, leader and admin see every incoming document of the organization, secret ones included.
 * unitHead and staff see units, users and registers, and the non-secret documents assigned to them (a unit head
 * also those assigned to the unit); the routing rules live in visibility-routing.ts.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { User } from '../../src-shared/domain/entities';
import type { Role } from '../../src-shared/domain/enums';
import { incomingDocuments } from '../db/schema';
import { documentAssignedTo } from './visibility-routing';

export type AuthUser = User & { sessionClientId: string; tokenHash: string };

const SEES_ALL_DOCUMENTS: ReadonlySet<Role> = new Set(['clerk', 'leader', 'admin']);
const MAY_REGISTER_INCOMING: ReadonlySet<Role> = new Set(['clerk', 'admin']);

/** Condition on `incoming_documents` selecting the rows `user` may see (also gates their files and blobs). */
export function visibleIncomingDocuments(user: Pick<User, 'role' | 'id' | 'unitId'>): SQL {
  if (SEES_ALL_DOCUMENTS.has(user.role)) return sql`true`;
  // Secret documents are never visible below the privileged roles, whatever the assignments.
  return and(eq(incomingDocuments.secrecy, 'none'), documentAssignedTo(user, sql`${incomingDocuments.id}`)) ?? sql`false`;
}

export function mayRegisterIncoming(user: Pick<User, 'role'>): boolean {
  return MAY_REGISTER_INCOMING.has(user.role);
}
