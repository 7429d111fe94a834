/**
 * Registers (sổ) managed by an admin: opening one for a year and kind is a mutation the server applies (numbers are
 * the server's); the new register reaches every desktop with the next pull. Outbox entry in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/contract/errors';
import type { User } from '../../../src-shared/domain/entities';
import { REGISTER_KIND_LABELS, type RegisterKind } from '../../../src-shared/domain/enums';
import { parseMutationArgs } from '../../../src-shared/sync/mutations';

export type RegistersDeps = { sqlite: Database.Database; requireUser: () => User; onQueued: () => void; now?: () => Date };

export function createRegistersService(deps: RegistersDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    create(p: { kind: RegisterKind; year: number; name?: string | undefined }): { id: string; queued: true } {
      const user = deps.requireUser();
      if (user.role !== 'admin') throw new AppError('FORBIDDEN', 'Chỉ quản trị hệ thống được mở sổ đăng ký văn bản.');
      const known = deps.sqlite.prepare('SELECT name FROM registers WHERE kind = ? AND year = ?').pluck().get(p.kind, p.year) as string | undefined;
      if (known) throw new AppError('CONFLICT', `${REGISTER_KIND_LABELS[p.kind]} năm ${p.year} đã có ("${known}"). Hãy dùng sổ đã có.`);
      const args = parseMutationArgs('register.create', {
        registerId: randomUUID(), kind: p.kind, year: p.year, name: p.name?.trim() || `${REGISTER_KIND_LABELS[p.kind]} năm ${p.year}`,
      });
      deps.sqlite.transaction(() => {
        const id = deps.sqlite.prepare('SELECT next_mutation_id FROM sync_state WHERE id = 1').pluck().get() as number;
        deps.sqlite.prepare('UPDATE sync_state SET next_mutation_id = ? WHERE id = 1').run(id + 1);
        deps.sqlite
          .prepare("INSERT INTO outbox (id, name, args, status, user_id, created_at) VALUES (?, 'register.create', ?, 'pending', ?, ?)")
          .run(id, JSON.stringify(args), user.id, now().toISOString());
      })();
      deps.onQueued();
      return { id: args.registerId, queued: true };
    },
  };
}
