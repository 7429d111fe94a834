/** Where `resources/` (fonts with Vietnamese glyphs) is: VANBAN_RESOURCES_DIR, else found by walking up from this file. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findResourcesDir(): string {
  const override = process.env.VANBAN_RESOURCES_DIR;
  if (override) return override;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'resources', 'fonts'))) return path.join(dir, 'resources');
    dir = path.dirname(dir);
  }
  throw new Error('resources/fonts not found: set VANBAN_RESOURCES_DIR to the folder holding fonts/');
}
