/**
 * Finds the Electron runtime binary that the `electron` npm package downloads at install time. Here (and on
 * any machine installing with ELECTRON_SKIP_BINARY_DOWNLOAD=1) it is absent: callers fall back to the browser
 * host or skip the Electron tests. Never `require('electron')` for this: it throws when the binary is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ELECTRON_MISSING = 'Electron runtime not installed — skipped';

/** @param {string} repoRoot */
export function findElectronRuntime(repoRoot) {
  const pkgDir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(join(pkgDir, 'package.json'))) {
    return { available: false, reason: `${ELECTRON_MISSING} (the electron package is not installed; run npm ci)` };
  }
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist');
  if (!existsSync(pathFile) || !existsSync(distDir)) {
    return {
      available: false,
      reason: `${ELECTRON_MISSING} (node_modules/electron/dist is missing: the binary could not be downloaded, e.g. ELECTRON_SKIP_BINARY_DOWNLOAD=1 or no internet)`,
    };
  }
  const executablePath = join(distDir, readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executablePath)) {
    return { available: false, reason: `${ELECTRON_MISSING} (${executablePath} does not exist)` };
  }
  return { available: true, executablePath };
}
