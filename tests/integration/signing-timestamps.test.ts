/**
 * Timestamps through the contract: a real core (direct transport) with a private SoftHSM2 and a test TSA over
 * HTTP that goes down and comes back. The TSA URL is a setting; with the TSA up the signature carries an RFC 3161
 * timestamp; with it down the file is signed anyway, queued on disk (surviving a restart of the core) and the
 * core adds a document timestamp when the TSA answers again, by itself or when asked. Checked with pdfsig,
 * openssl and qpdf.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../src-shared/contract/errors';
import type { SignFileResult } from '../../src-shared/contract/methods';
import { createClient } from '../../src-shared/contract/client';
import { createDirectTransport } from '../../src-shared/contract/direct-transport';
import { createCore } from '../../src-main/core/index';
import { startOfflineCore, UNREACHABLE_SERVER, type OfflineCore } from '../../src-main/core/testing/offline-core';
import { cacheFile, readCached } from '../helpers/signing-core';
import { createSigningTestEnv, LEADER_PIN, type SigningTestEnv } from '../helpers/signing-env';
import { opensslVerifyAll, pdfLibDocument, pdfsig, qpdfCheck } from '../helpers/signing-fixtures';
import { startTestTsa, type TestTsa } from '../helpers/tsa-server';

let env: SigningTestEnv;
let tsa: TestTsa;
let core: OfflineCore;
let dir: string;

const coreOptions = () => ({
  signing: { modulePath: '/usr/lib/softhsm/libsofthsm2.so', tokenClient: { env: env.hsm.env }, timestampRetryMs: 300 },
  trustAnchorsPem: [env.pki.caPem],
});

/** The same desktop opened again (same data dir, same user signing in offline). */
async function reopen(): Promise<OfflineCore> {
  const { user } = core;
  await core.core.close();
  const again = await createCore({ dataDir: dir, serverUrl: UNREACHABLE_SERVER, appVersion: '0.0.0-test', host: 'direct', ...coreOptions() });
  const client = createClient(createDirectTransport(again.handlers, again.ctx, again.events));
  await client.call('auth.login', { username: user.username, password: 'matkhau' });
  return {
    dir,
    core: again,
    client,
    user,
    async close() {
      await again.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function leaderCertificateId(): Promise<string> {
  const { certificates } = await core.client.call('signing.listTokens', {});
  return certificates.find((c) => c.tokenLabel === 'LANH DAO')!.id;
}

async function sign(names: string[]): Promise<SignFileResult[]> {
  const files = [];
  for (const [i, name] of names.entries()) files.push({ sha256: cacheFile(core, name, await pdfLibDocument(i + 1)), name });
  const { results } = await core.client.call('signing.signFiles', { files, certificateId: await leaderCertificateId(), pin: LEADER_PIN });
  return results;
}

beforeAll(async () => {
  env = createSigningTestEnv();
  tsa = await startTestTsa(env.pki.tsa);
  core = await startOfflineCore('leader', { coreOptions: coreOptions() });
  dir = core.dir;
}, 120_000);

afterAll(async () => {
  await core?.close();
  await tsa?.close();
  await env?.dispose();
});

describe('timestamps through the contract', () => {
  it('keeps the TSA address the user sets, refusing one that is not http(s)', async () => {
    expect(await core.client.call('signing.getSettings', {})).toEqual({ tsaUrl: null });
    const refused = await core.client.call('signing.setTsaUrl', { url: 'ftp://ca.gov.vn/tsa' }).then(
      () => null,
      (err: unknown) => err as AppError,
    );
    expect(refused?.code).toBe('INVALID_INPUT');
    expect(refused?.message).toContain('http://');
    expect(await core.client.call('signing.setTsaUrl', { url: tsa.url })).toEqual({ tsaUrl: tsa.url });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).tsaUrl).toBe(tsa.url);
  });

  it('embeds an RFC 3161 timestamp when the TSA answers', async () => {
    const [r] = await sign(['to-trinh.pdf']);
    expect(r).toMatchObject({ ok: true, timestamp: 'embedded' });
    expect(r!.signed!.signatures[0]).toMatchObject({ valid: true, signingTimeSource: 'timestamp' });
    expect((await core.client.call('signing.timestamps', {})).pending).toEqual([]);
  });

  it('signs while the TSA is down, keeps the files queued across a restart, and timestamps them once it answers', async () => {
    tsa.setDown(true);
    const results = await sign(['cong-van-1.pdf', 'cong-van-2.pdf']);
    expect(results.map((r) => [r.ok, r.timestamp])).toEqual([
      [true, 'queued'],
      [true, 'queued'],
    ]);
    const signedOffline = await readCached(core, results[0]!.signed!.sha256);
    expect(pdfsig(signedOffline, env.nssDir, env.pki.dir)[0]).toMatchObject({ signatureValid: true, certificateTrusted: true });

    const stillDown = await core.client.call('signing.retryTimestamps', {});
    expect(stillDown.pending.map((p) => [p.name, p.lastError]).sort()).toEqual([
      ['cong-van-1.ky-so.pdf', 'TIMESTAMP_UNAVAILABLE'],
      ['cong-van-2.ky-so.pdf', 'TIMESTAMP_UNAVAILABLE'],
    ]);
    expect(stillDown.pending.every((p) => p.attempts >= 1)).toBe(true);

    // The app is closed and opened again while the TSA is still down: the queue is on disk.
    core = await reopen();
    const waiting = (await core.client.call('signing.timestamps', {})).pending.map((p) => p.sha256);
    expect(waiting.sort()).toEqual(results.map((r) => r.signed!.sha256).sort());

    // The TSA comes back: the core's own retry adds the document timestamps without anyone asking.
    const stamped = new Map<string, string>();
    const allDone = new Promise<void>((resolve) => {
      core.core.events.subscribe((name, payload) => {
        if (name !== 'signing.timestamped') return;
        const e = payload as { from: string; to: string };
        stamped.set(e.from, e.to);
        if (stamped.size === 2) resolve();
      });
    });
    tsa.setDown(false);
    await allDone;
    const status = await core.client.call('signing.timestamps', {});
    expect(status.pending).toEqual([]);
    expect(status.completed.map((c) => [c.from, c.to]).sort()).toEqual(results.map((r) => [r.signed!.sha256, stamped.get(r.signed!.sha256)]).sort());

    const after = await readCached(core, stamped.get(results[0]!.signed!.sha256)!);
    // An incremental update: the file as signed offline is still there byte for byte.
    expect(Buffer.from(after.subarray(0, signedOffline.length)).equals(Buffer.from(signedOffline))).toBe(true);
    const { signatures } = await core.client.call('signing.verify', { sha256: stamped.get(results[0]!.signed!.sha256)! });
    expect(signatures.map((s) => [s.kind, s.valid, s.signingTimeSource])).toEqual([
      ['signature', true, 'claimed'],
      ['docTimeStamp', true, 'timestamp'],
    ]);
    // poppler cannot check ETSI.RFC3161 document timestamps: openssl checks both CMS; pdfsig the leader's signature.
    expect(opensslVerifyAll(after, env.pki.caPath, env.pki.dir)).toEqual([true, true]);
    expect(pdfsig(after, env.nssDir, env.pki.dir)[0]).toMatchObject({ signatureValid: true, certificateTrusted: true });
    expect(qpdfCheck(after, env.pki.dir).status).toBe(0);
  });

  it('signs without a timestamp and queues nothing once the TSA setting is removed', async () => {
    expect(await core.client.call('signing.setTsaUrl', { url: null })).toEqual({ tsaUrl: null });
    const [r] = await sign(['giay-moi.pdf']);
    expect(r).toMatchObject({ ok: true, timestamp: 'none' });
    expect((await core.client.call('signing.timestamps', {})).pending).toEqual([]);
  });
});
