/**
 * Routing's HTTP pieces (issue 6): daily usage recording, the usage report the desktop fetches online
 * (`GET /api/reports/usage?from=YYYY-MM-DD&to=YYYY-MM-DD`, leaders and admins), and opinion files for blob downloads.
 *
 * Why a report endpoint rather than a replicated table: usage rows of every user are not something each desktop
 * should hold; the leader asks when printing the report, which needs the network anyway.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../src-shared/contract/errors';
import { todayInVietnam } from '../../src-shared/domain/dates';
import { isoDate } from '../../src-shared/domain/entities';
import { queryRows, type Db } from '../db/client';
import { userActivity } from '../db/schema-routing';
import type { AuthUser } from '../auth/visibility';
import { opinionFileVisible } from '../auth/visibility-routing';

export const usageQuerySchema = z.object({ from: isoDate, to: isoDate });
export type UsageReport = {
  days: { day: string; activeUsers: number; totalUsers: number; share: number }[];
  users: { userId: string; fullName: string; activeDays: number }[];
};

/** Remembers per instance what was already written today, so most requests cost no write. */
export function createActivityRecorder(db: Db) {
  const seen = new Set<string>();
  return async (userId: string, now: Date = new Date()): Promise<void> => {
    const day = todayInVietnam(now);
    const key = `${userId}:${day}`;
    if (seen.has(key)) return;
    await db.insert(userActivity).values({ userId, day }).onConflictDoNothing();
    if (seen.size > 10_000) seen.clear();
    seen.add(key);
  };
}

export async function usageReport(db: Db, user: AuthUser, from: string, to: string): Promise<UsageReport> {
  if (user.role !== 'leader' && user.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Chỉ lãnh đạo hoặc quản trị được xem báo cáo sử dụng hệ thống.');
  }
  if (to < from) throw new AppError('INVALID_INPUT', 'Ngày kết thúc phải sau ngày bắt đầu.');
  const days = await queryRows<{ day: string; active: string | number; total: string | number }>(
    db,
    sql`SELECT to_char(g.day, 'YYYY-MM-DD') AS day,
          (SELECT count(*) FROM user_activity a WHERE a.day = to_char(g.day, 'YYYY-MM-DD')) AS active,
          (SELECT count(*) FROM users u WHERE u.active) AS total
        FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS g(day) ORDER BY 1`,
  );
  const users = await queryRows<{ user_id: string; full_name: string; n: string | number }>(
    db,
    sql`SELECT u.id AS user_id, u.full_name, count(a.day) AS n FROM users u
        LEFT JOIN user_activity a ON a.user_id = u.id AND a.day BETWEEN ${from} AND ${to}
        WHERE u.active GROUP BY u.id, u.full_name ORDER BY u.full_name`,
  );
  return {
    days: days.map((d) => {
      const active = Number(d.active);
      const total = Number(d.total);
      return { day: d.day, activeUsers: active, totalUsers: total, share: total ? active / total : 0 };
    }),
    users: users.map((u) => ({ userId: u.user_id, fullName: u.full_name, activeDays: Number(u.n) })),
  };
}

export async function mayReadOpinionBlob(db: Db, user: AuthUser, sha256: string): Promise<boolean> {
  const rows = await queryRows<{ ok: boolean }>(db, sql`SELECT ${opinionFileVisible(user, sha256)} AS ok`);
  return rows[0]?.ok === true;
}
