/**
 * The packaging configuration, checked with electron-builder's own schema validation (packaging itself needs
 * internet and runs elsewhere): a typo in electron-builder.yml or a weakened fuse fails here, not on release day.
 */
import { expect, test } from '@playwright/test';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { REPO_ROOT } from '../helpers/pglite-template';
import path from 'node:path';

test('electron-builder.yml is valid and keeps the security fuses', async () => {
  const config = await getConfig(REPO_ROOT, path.join(REPO_ROOT, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  expect(config.appId).toBe('vn.gov.vanban.desk');
  expect(config.productName).toBe('VanBan Desk');
  expect(config.electronFuses).toEqual({
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
  });
  expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node']));
});
