/**
 * Signed files go back to the document they came from: `attachTo` on signing.signFiles hands the stored signed
 * file to the attacher the feature registered for that kind of document (createCore `signing.attachers`), and
 * a file timestamped later is handed over again as the replacement of the first one. A failing or missing
 * attacher never loses the signature: the file stays signed and stored, and the result says what to do.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedFileAttacher } from '../../src-main/core/signing/signed-attach';
import { startOfflineCore, type OfflineCore } from '../../src-main/core/testing/offline-core';
import { cacheFile } from '../helpers/signing-core';
import { createSigningTestEnv, LEADER_PIN, type SigningTestEnv } from '../helpers/signing-env';
import { pdfLibDocument, pdfsig } from '../helpers/signing-fixtures';
import { startTestTsa, type TestTsa } from '../helpers/tsa-server';

let env: SigningTestEnv;
let tsa: TestTsa;
let core: OfflineCore;
const attached: Array<Parameters<SignedFileAttacher>[0]> = [];

beforeAll(async () => {
  env = createSigningTestEnv();
  tsa = await startTestTsa(env.pki.tsa);
  core = await startOfflineCore('leader', {
    coreOptions: {
      signing: {
        modulePath: '/usr/lib/softhsm/libsofthsm2.so',
        tokenClient: { env: env.hsm.env },
        attachers: {
          draft: (args) => void attached.push(args),
          outgoing: () => {
            throw new Error('văn bản đã bị thu hồi');
          },
        },
      },
      trustAnchorsPem: [env.pki.caPem],
    },
  });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await tsa?.close();
  await env?.dispose();
});

describe('signed files attached to their document', () => {
  it('attaches each signed file to its draft, and reports the ones that could not be attached while keeping them signed', async () => {
    const { certificates } = await core.client.call('signing.listTokens', {});
    const certificateId = certificates.find((c) => c.tokenLabel === 'LANH DAO')!.id;
    const draftId = randomUUID();
    const outgoingId = randomUUID();
    const incomingId = randomUUID();
    const files = [
      { sha256: cacheFile(core, 'du-thao.pdf', await pdfLibDocument(1)), name: 'du-thao.pdf', attachTo: { kind: 'draft' as const, id: draftId } },
      { sha256: cacheFile(core, 'van-ban-di.pdf', await pdfLibDocument(2)), name: 'van-ban-di.pdf', attachTo: { kind: 'outgoing' as const, id: outgoingId } },
      { sha256: cacheFile(core, 'van-ban-den.pdf', await pdfLibDocument(3)), name: 'van-ban-den.pdf', attachTo: { kind: 'incoming' as const, id: incomingId } },
      { sha256: cacheFile(core, 'rieng.pdf', await pdfLibDocument(4)), name: 'rieng.pdf' },
    ];
    const { results } = await core.client.call('signing.signFiles', { files, certificateId, pin: LEADER_PIN });
    expect(results.map((r) => [r.name, r.ok, r.attachedTo ?? null])).toEqual([
      ['du-thao.pdf', true, { kind: 'draft', id: draftId }],
      ['van-ban-di.pdf', true, null],
      ['van-ban-den.pdf', true, null],
      ['rieng.pdf', true, null],
    ]);
    expect(attached).toEqual([
      {
        target: { kind: 'draft', id: draftId },
        file: { sha256: results[0]!.signed!.sha256, name: 'du-thao.ky-so.pdf', size: expect.any(Number), mime: 'application/pdf' },
        appearance: 'approval',
      },
    ]);
    expect(results[1]!.attachError).toContain('văn bản đã bị thu hồi');
    expect(results[1]!.attachError).toContain('Hãy mở văn bản đi và thêm tệp đã ký');
    expect(results[2]!.attachError).toContain('chưa gắn được vào văn bản đến');
    expect(results[3]!.attachError ?? null).toBeNull();
    // Not attached is not lost: the signed file is stored and valid.
    const kept = await core.client.call('files.read', { sha256: results[1]!.signed!.sha256 });
    expect(pdfsig(new Uint8Array(Buffer.from(kept.contentBase64, 'base64')), env.nssDir, env.pki.dir)[0]).toMatchObject({ signatureValid: true });
  });

  it('hands the timestamped file to the same draft as the replacement of the file signed while the TSA was down', async () => {
    attached.length = 0;
    await core.client.call('signing.setTsaUrl', { url: tsa.url });
    tsa.setDown(true);
    const { certificates } = await core.client.call('signing.listTokens', {});
    const draftId = randomUUID();
    const sha256 = cacheFile(core, 'to-trinh.pdf', await pdfLibDocument(5));
    const { results } = await core.client.call('signing.signFiles', {
      files: [{ sha256, name: 'to-trinh.pdf', attachTo: { kind: 'draft', id: draftId } }],
      certificateId: certificates.find((c) => c.tokenLabel === 'LANH DAO')!.id,
      pin: LEADER_PIN,
    });
    expect(results[0]).toMatchObject({ ok: true, timestamp: 'queued', attachedTo: { kind: 'draft', id: draftId } });
    tsa.setDown(false);
    const status = await core.client.call('signing.retryTimestamps', {});
    expect(status.pending).toEqual([]);
    const replacement = status.completed.find((c) => c.from === results[0]!.signed!.sha256)!;
    expect(attached.at(-1)).toEqual({
      target: { kind: 'draft', id: draftId },
      file: { sha256: replacement.to, name: 'to-trinh.ky-so.pdf', size: expect.any(Number), mime: 'application/pdf' },
      appearance: 'docTimeStamp',
      replaces: results[0]!.signed!.sha256,
    });
  });
});
