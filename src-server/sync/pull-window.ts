/**
 * The slice of the server-wide version sequence one pull reads: versions in (after, upTo].
 *
 * Every replicated row has its own version from ONE sequence, so a window of N versions holds at most N rows over all
 * tables together. Reading per table `version > cursor LIMIT take` instead made every page read up to `take` rows of
 * EVERY table (documents, files, 300,000 assignments…) and throw most of them away after the merge: on PGlite, where
 * decoding rows dominates, that was the largest cost of an initial sync.
 */
import { and, gt, lte, type AnyColumn, type SQL } from 'drizzle-orm';

export type VersionWindow = { after: number; upTo: number };

export function inWindow(version: AnyColumn, w: VersionWindow): SQL {
  return and(gt(version, w.after), lte(version, w.upTo))!;
}
