/**
 * Proves that the lint import zones of eslint.config.js (DESIGN.md "Processes and folders") still hold:
 * each zone rejects a forbidden import and accepts a legal one. If someone relaxes a zone, this fails.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

type Case = { zone: string; file: string; code: string };

const ZONE_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax']);

const forbidden: Case[] = [
  { zone: 'src-shared → src-main', file: 'src-shared/domain/x.ts', code: "import { createCore } from '../../src-main/core/index';\nexport const a = createCore;" },
  { zone: 'src-shared → src-server', file: 'src-shared/sync/x.ts', code: "import { x } from '../../src-server/app';\nexport const a = x;" },
  { zone: 'src-shared → node:fs', file: 'src-shared/domain/x.ts', code: "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;" },
  { zone: 'src-shared → crypto (bare built-in)', file: 'src-shared/domain/x.ts', code: "import { createHash } from 'crypto';\nexport const a = createHash;" },
  { zone: 'src-shared → electron', file: 'src-shared/contract/x.ts', code: "import { app } from 'electron';\nexport const a = app;" },
  { zone: 'src-shared → react-dom (DOM only)', file: 'src-shared/contract/x.ts', code: "import { createRoot } from 'react-dom/client';\nexport const a = createRoot;" },
  { zone: 'src-shared → process global', file: 'src-shared/domain/x.ts', code: 'export const a = process.env.HOME;' },
  { zone: 'src-shared → window global', file: 'src-shared/domain/x.ts', code: 'export const a = window.location.href;' },
  { zone: 'src-shared → dynamic node import', file: 'src-shared/domain/x.ts', code: "export const a = () => import('node:fs');" },
  { zone: 'src-renderer → src-main', file: 'src-renderer/App.tsx', code: "import { createCore } from '../src-main/core/index';\nexport const a = createCore;" },
  { zone: 'src-renderer → src-server', file: 'src-renderer/pages/X.tsx', code: "import { x } from '../../src-server/app';\nexport const a = x;" },
  { zone: 'src-renderer → electron', file: 'src-renderer/App.tsx', code: "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;" },
  { zone: 'src-renderer → node:path', file: 'src-renderer/App.tsx', code: "import path from 'node:path';\nexport const a = path;" },
  { zone: 'src-renderer → better-sqlite3', file: 'src-renderer/App.tsx', code: "import Database from 'better-sqlite3';\nexport const a = Database;" },
  { zone: 'src-server → src-main', file: 'src-server/app.ts', code: "import { createCore } from '../src-main/core/index';\nexport const a = createCore;" },
  { zone: 'src-server → src-renderer', file: 'src-server/routes/x.ts', code: "import { App } from '../../src-renderer/App';\nexport const a = App;" },
  { zone: 'src-server → electron', file: 'src-server/app.ts', code: "import { app } from 'electron';\nexport const a = app;" },
  { zone: 'src-main/core → electron', file: 'src-main/core/index.ts', code: "import { safeStorage } from 'electron';\nexport const a = safeStorage;" },
  { zone: 'src-main/core → shell', file: 'src-main/core/sync/x.ts', code: "import { x } from '../../shell/main';\nexport const a = x;" },
  { zone: 'src-main/core → host', file: 'src-main/core/x.ts', code: "import { x } from '../host/main';\nexport const a = x;" },
  { zone: 'src-main/core → src-server', file: 'src-main/core/x.ts', code: "import { x } from '../../src-server/app';\nexport const a = x;" },
  { zone: 'src-main/core → src-renderer', file: 'src-main/core/rpc/x.ts', code: "import { App } from '../../../src-renderer/App';\nexport const a = App;" },
  { zone: 'src-main/core → dynamic electron', file: 'src-main/core/x.ts', code: "export const a = () => import('electron');" },
  { zone: 'src-main/host → electron', file: 'src-main/host/main.ts', code: "import { app } from 'electron';\nexport const a = app;" },
  { zone: 'src-main/host → shell', file: 'src-main/host/main.ts', code: "import { x } from '../shell/main';\nexport const a = x;" },
  { zone: 'src-main/shell → host', file: 'src-main/shell/main.ts', code: "import { x } from '../host/main';\nexport const a = x;" },
  { zone: 'tests → electron', file: 'tests/integration/x.test.ts', code: "import { app } from 'electron';\nexport const a = app;" },
];

const legal: Case[] = [
  { zone: 'src-shared → src-shared + zod', file: 'src-shared/contract/x.ts', code: "import { z } from 'zod';\nimport { ROLES } from '../domain/enums';\nexport const a = z.enum(ROLES);" },
  { zone: 'src-renderer → src-shared + react', file: 'src-renderer/App.tsx', code: "import { useState } from 'react';\nimport { createClient } from '../src-shared/contract';\nexport const a = [useState, createClient];" },
  { zone: 'src-server → src-shared + node', file: 'src-server/app.ts', code: "import { createServer } from 'node:http';\nimport { PROTOCOL } from '../src-shared/sync';\nexport const a = [createServer, PROTOCOL];" },
  { zone: 'src-main/core → src-shared + sqlite', file: 'src-main/core/db/x.ts', code: "import Database from 'better-sqlite3';\nimport { METHODS } from '../../../src-shared/contract';\nexport const a = [Database, METHODS];" },
  { zone: 'src-main/host → core', file: 'src-main/host/main.ts', code: "import { createServer } from 'node:http';\nimport { createCore } from '../core/index';\nexport const a = [createServer, createCore];" },
  { zone: 'src-main/shell → electron + core', file: 'src-main/shell/main.ts', code: "import { app } from 'electron';\nimport { createCore } from '../core/index';\nexport const a = [app, createCore];" },
];

describe('lint import zones (DESIGN.md boundaries)', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: repoRoot });
  });

  const zoneErrors = async (c: Case) => {
    const [result] = await eslint.lintText(c.code, { filePath: `${repoRoot}${c.file}` });
    expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
    return (result?.messages ?? []).filter((m) => m.ruleId != null && ZONE_RULES.has(m.ruleId));
  };

  it.each(forbidden)('rejects $zone', async (c) => {
    expect((await zoneErrors(c)).length).toBeGreaterThan(0);
  });

  it.each(legal)('allows $zone', async (c) => {
    const [result] = await eslint.lintText(c.code, { filePath: `${repoRoot}${c.file}` });
    // A legal file must be clean on every rule, not just the zone rules.
    expect(result?.messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([]);
  });
});
