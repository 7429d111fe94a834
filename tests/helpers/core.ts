/**
 * A real desktop core for cross-cutting tests, reached through the direct transport (same validation as IPC/WS).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '../../src-shared/contract/client';
import { createDirectTransport } from '../../src-shared/contract/direct-transport';
import { createCore, type Core, type CoreOptions } from '../../src-main/core/index';

export type StartedCore = { client: Client; core: Core; dataDir: string; close(opts?: { keepData?: boolean }): Promise<void> };

export async function startCore(opts: {
  dataDir?: string;
  serverUrl: string;
  fetch?: typeof fetch;
  syncIntervalMs?: number;
  log?: CoreOptions['log'];
}): Promise<StartedCore> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'vanban-core-'));
  const core = await createCore({
    dataDir,
    serverUrl: opts.serverUrl,
    appVersion: '0.0.0-test',
    host: 'direct',
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.syncIntervalMs ? { syncIntervalMs: opts.syncIntervalMs } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  const client = createClient(createDirectTransport(core.handlers, core.ctx, core.events));
  return {
    client,
    core,
    dataDir,
    async close(closeOpts = {}) {
      await core.close();
      // A data dir the caller passed in is theirs to keep; one we created goes unless asked to keep it.
      if (!opts.dataDir && !closeOpts.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
