/**
 * The slice of the server-wide version sequence one pull reads: versions in (after, upTo].
 *
 * Every replicated row has its own version from ONE sequence, so a window of N versions holds at most N rows over all
 * tables together. pull.service reads one window up to the newest committed version today; narrower windows would stop
 * a page from reading up to limit+1 rows of every table and discarding most of them, and are the next thing to measure.
 */
import { and, gt, lte, type AnyColumn, type SQL } from 'drizzle-orm';

export type VersionWindow = { after: number; upTo: number };

export function inWindow(version: AnyColumn, w: VersionWindow): SQL {
  return and(gt(version, w.after), lte(version, w.upTo))!;
}
