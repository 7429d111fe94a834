/** Units, users and registers as the replica holds them (the server decides what this user may see). */
import type Database from 'better-sqlite3';
import type { Register, Unit, User } from '../../../src-shared/domain/entities';
import { suggestIssuers, type IssuerSuggestion } from './issuer-directory';

export function createDirectoryService(deps: { sqlite: Database.Database; requireUser: () => unknown }) {
  const { sqlite } = deps;
  return {
    units(): Unit[] {
      deps.requireUser();
      return sqlite.prepare('SELECT id, code, name, parent_id AS parentId FROM units ORDER BY code, name').all() as Unit[];
    },
    users(): User[] {
      deps.requireUser();
      const rows = sqlite
        .prepare('SELECT id, username, full_name AS fullName, role, unit_id AS unitId, position, active FROM users ORDER BY full_name')
        .all() as (Omit<User, 'active'> & { active: number })[];
      return rows.map((r) => ({ ...r, active: r.active === 1 }));
    },
    issuers(query: string, limit: number): IssuerSuggestion[] {
      deps.requireUser();
      return suggestIssuers(sqlite, query, limit);
    },
    registers(year?: number): Register[] {
      deps.requireUser();
      const sql = 'SELECT id, kind, year, name, last_number AS lastNumber FROM registers';
      return (year === undefined
        ? sqlite.prepare(`${sql} ORDER BY year DESC, kind`).all()
        : sqlite.prepare(`${sql} WHERE year = ? ORDER BY kind`).all(year)) as Register[];
    },
  };
}
