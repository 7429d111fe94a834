#!/usr/bin/env node
/**
 * Adds up the results of `scripts/test.sh`. Input: a steps file, one line per step:
 *   <kind> <exitCode> <name> [reportFile]
 * kind: `check` (typecheck, lint, build: one check, passed when exit 0), `vitest` (JSON reporter file) or
 * `playwright` (JSON reporter file). A step whose command failed without a failing test in its report (crash,
 * file that did not load, global setup error) counts as one failure, so a red run can never print 0 failed.
 * Prints one line per step, then, as the very last line: `N passed, N failed, N skipped`. Exit 1 on any failure.
 */
import { existsSync, readFileSync } from 'node:fs';

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */

/** @returns {Counts | null} */
function vitestCounts(file) {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const counts = {
    passed: r.numPassedTests ?? 0,
    failed: r.numFailedTests ?? 0,
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
  // A file that fails to import, or whose beforeAll fails, has no failed test (its tests show as skipped):
  // count each such file as one failure so the total says how many things broke.
  for (const file of r.testResults ?? []) {
    const failedInside = (file.assertionResults ?? []).some((a) => a.status === 'failed');
    if (file.status === 'failed' && !failedInside) counts.failed += 1;
  }
  if (counts.failed === 0 && r.success === false) counts.failed = 1;
  return counts;
}

/** @returns {Counts | null} */
function playwrightCounts(file) {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const s = r.stats ?? {};
  const counts = { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
  if (counts.failed === 0 && Array.isArray(r.errors) && r.errors.length > 0) counts.failed = 1;
  return counts;
}

const stepsFile = process.argv[2];
if (!stepsFile) {
  console.error('usage: test-summary.mjs <steps-file>');
  process.exit(2);
}
const total = { passed: 0, failed: 0, skipped: 0 };
const lines = existsSync(stepsFile) ? readFileSync(stepsFile, 'utf8').split('\n').filter(Boolean) : [];
console.log('\n──────── test summary ────────');
for (const line of lines) {
  const [kind, codeText, name, report] = line.split(' ');
  const code = Number(codeText);
  /** @type {Counts | null} */
  let c;
  if (kind === 'check') c = code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
  else if (kind === 'vitest') c = vitestCounts(report);
  else if (kind === 'playwright') c = playwrightCounts(report);
  else c = null;
  if (!c) c = { passed: 0, failed: 1, skipped: 0 };
  if (code !== 0 && c.failed === 0) c.failed = 1;
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  const mark = c.failed ? 'FAIL' : 'ok  ';
  console.log(`${mark} ${name.padEnd(22)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
}
if (lines.length === 0) total.failed = 1;
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
