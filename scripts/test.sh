#!/usr/bin/env bash
# `npm test`: every check and test of VanBan Desk, in order, on Node 22 (node_modules/.bin/node).
# Runs all steps even after a failure (so one red step does not hide another), then prints the totals
# as the very last line: `N passed, N failed, N skipped`, and exits non-zero if anything failed.
# typecheck, lint and the renderer build count as one check each; test counts come from the JSON reports.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$PATH:/usr/sbin:/sbin"  # runuser (PostgreSQL tests) lives in sbin

if ! node --version | grep -q '^v22\.'; then
  echo "[test] Node 22 is required (found $(node --version)). Run 'npm ci' so node_modules/.bin/node (node@22) exists." >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

if ! bash scripts/ensure-system-deps.sh; then
  echo "[test] system packages are missing: see the command above, run it, then 'npm test' again." >&2
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

REPORTS="$ROOT/test-results/summary"
rm -rf "$REPORTS"
mkdir -p "$REPORTS"
STEPS="$REPORTS/steps.txt"
: >"$STEPS"

# step <kind> <name> [report] -- <command...>
step() {
  local kind="$1" name="$2" report="$3"
  shift 4
  echo
  echo "════════ $name ════════"
  "$@"
  local code=$?
  echo "$kind $code $name $report" >>"$STEPS"
  return 0
}

step check typecheck - -- tsc -p tsconfig.json --noEmit
step check lint - -- eslint --max-warnings 0 .
step check build-renderer - -- vite build --config src-renderer/vite.config.ts --logLevel warn
step vitest unit "$REPORTS/vitest-unit.json" -- \
  vitest run --project unit --reporter=default --reporter=json --outputFile="$REPORTS/vitest-unit.json"
step vitest integration "$REPORTS/vitest-integration.json" -- \
  vitest run --project integration --passWithNoTests --reporter=default --reporter=json --outputFile="$REPORTS/vitest-integration.json"
PLAYWRIGHT_JSON_OUTPUT_FILE="$REPORTS/playwright-e2e.json" \
  step playwright e2e "$REPORTS/playwright-e2e.json" -- playwright test -c tests/e2e/playwright.config.ts --reporter=list,json
PLAYWRIGHT_JSON_OUTPUT_FILE="$REPORTS/playwright-electron.json" \
  step playwright electron "$REPORTS/playwright-electron.json" -- playwright test -c tests/electron/playwright.config.ts --reporter=list,json

node scripts/test-summary.mjs "$STEPS"
