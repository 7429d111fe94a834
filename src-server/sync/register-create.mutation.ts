/**
 * `register.create`: an admin opens a register (sổ) for a year and kind, e.g. the incoming register of next year before
 * 1 January or a second secret series. Numbers in it start at 01; `incoming.register` allocates in it from then on
 * (it creates a register itself only when none exists for that kind and year).
 */
import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../../src-shared/contract/errors';
import { REGISTER_KIND_LABELS } from '../../src-shared/domain/enums';
import type { CreateRegisterArgs } from '../../src-shared/sync/mutations';
import type { AuthUser } from '../auth/visibility';
import type { Tx } from '../db/client';
import { registers } from '../db/schema';

export async function applyCreateRegister(tx: Tx, user: AuthUser, args: CreateRegisterArgs): Promise<void> {
  if (user.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Chỉ quản trị hệ thống được mở sổ đăng ký văn bản. Vui lòng đề nghị quản trị mở sổ.');
  }
  const [same] = await tx.select({ id: registers.id }).from(registers).where(eq(registers.id, args.registerId));
  if (same) return; // a re-push of the same action
  const [existing] = await tx
    .select({ name: registers.name, lastNumber: registers.lastNumber })
    .from(registers)
    .where(and(eq(registers.kind, args.kind), eq(registers.year, args.year)));
  if (existing) {
    throw new AppError(
      'CONFLICT',
      `${REGISTER_KIND_LABELS[args.kind]} năm ${args.year} đã có ("${existing.name}", số cuối cùng đã cấp: ${existing.lastNumber}). ` +
        'Không cần mở thêm; hãy dùng sổ đã có.',
    );
  }
  await tx.insert(registers).values({
    id: args.registerId, kind: args.kind, year: args.year, name: args.name, lastNumber: 0, version: sql`nextval('change_version')`,
  });
}
