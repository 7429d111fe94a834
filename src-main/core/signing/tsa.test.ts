import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslVerifyAll, opensslVerifySignatureTimestamp, pdfLibDocument, pdfsig, qpdfCheck } from '../../../tests/helpers/signing-fixtures';
import { startTestTsa, type TestTsa } from '../../../tests/helpers/tsa-server';
import { createPadesService, type SignItem } from './pades.service';
import { createSigningTestEnv, LEADER_PIN, type SigningTestEnv } from '../../../tests/helpers/signing-env';
import { createTimestampQueue, processTimestampQueue } from './timestamp-queue';
import { createTsaClient } from './tsa';
import { verifyPdfSignatures } from './verify';

let env: SigningTestEnv;
let tsa: TestTsa;

beforeAll(async () => {
  env = createSigningTestEnv();
  tsa = await startTestTsa(env.pki.tsa);
});
afterAll(async () => {
  await env?.dispose();
  await tsa?.close();
});

const item = (pdf: Uint8Array, documentId: string): SignItem => ({ documentId, pdf, reason: 'Phê duyệt văn bản', role: { kind: 'invisible' } });

describe('RFC 3161 timestamps', () => {
  it('embeds a timestamp from the TSA when it answers', async () => {
    const pades = createPadesService({ tokens: env.tokens, stampFont: env.stampFont, tsa: createTsaClient({ url: tsa.url }) });
    const before = new Date();
    const { results } = await pades.signBatch({ signer: env.leader, pin: LEADER_PIN, items: [item(await pdfLibDocument(), 'a')] });
    const signed = results[0]!.ok ? results[0]!.value : undefined;
    expect(signed?.timestamp).toBe('embedded');
    const [check] = await verifyPdfSignatures(signed!.pdf, { trustAnchorsPem: [env.pki.caPem] });
    expect(check).toMatchObject({ valid: true, timestampValid: true, signingTimeSource: 'timestamp' });
    expect(check!.signingTime!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 2000);
    expect(await opensslVerifySignatureTimestamp(signed!.pdf, env.pki.caPath, env.pki.dir)).toBe(true);
    const report = pdfsig(signed!.pdf, env.nssDir, env.pki.dir);
    expect(report[0]).toMatchObject({ signatureValid: true, certificateTrusted: true });
    expect(qpdfCheck(signed!.pdf, env.pki.dir).status).toBe(0);
  });

  it('signs without a timestamp when the TSA is down, queues it durably, and adds a document timestamp later', async () => {
    const queueDir = mkdtempSync(join(tmpdir(), 'vanban-tsq-'));
    const queue = createTimestampQueue(queueDir);
    const store = new Map<string, Uint8Array>();
    const pades = createPadesService({
      tokens: env.tokens,
      stampFont: env.stampFont,
      tsa: createTsaClient({ url: tsa.url }),
      onTimestampMissing: (id) => queue.enqueue(id),
    });
    tsa.setDown(true);
    const { results } = await pades.signBatch({
      signer: env.leader,
      pin: LEADER_PIN,
      items: [item(await pdfLibDocument(), 'cv-01'), item(await pdfLibDocument(2), 'cv-02')],
    });
    for (const r of results) {
      expect(r.ok && r.value.timestamp).toBe('queued');
      if (r.ok) store.set(r.documentId, r.value.pdf);
    }
    const signedOffline = store.get('cv-01')!;
    expect(pdfsig(signedOffline, env.nssDir, env.pki.dir)[0]).toMatchObject({ signatureValid: true, certificateTrusted: true });

    // Still down: nothing is lost, the attempt is recorded; a new queue object (app restart) sees the same entries.
    const tsaClient = createTsaClient({ url: tsa.url });
    const io = { load: async (id: string) => store.get(id)!, save: async (id: string, pdf: Uint8Array) => void store.set(id, pdf) };
    expect((await processTimestampQueue({ queue, tsa: tsaClient, ...io })).stillPending).toEqual(['cv-01', 'cv-02']);
    const reopened = createTimestampQueue(queueDir);
    expect(reopened.pending().map((p) => [p.documentId, p.attempts, p.lastError])).toEqual([
      ['cv-01', 1, 'TIMESTAMP_UNAVAILABLE'],
      ['cv-02', 1, 'TIMESTAMP_UNAVAILABLE'],
    ]);

    tsa.setDown(false);
    expect((await processTimestampQueue({ queue: reopened, tsa: tsaClient, ...io })).done).toEqual(['cv-01', 'cv-02']);
    expect(reopened.pending()).toEqual([]);
    const stamped = store.get('cv-01')!;
    expect(Buffer.from(stamped.subarray(0, signedOffline.length)).equals(Buffer.from(signedOffline))).toBe(true);
    const checks = await verifyPdfSignatures(stamped, { trustAnchorsPem: [env.pki.caPem] });
    expect(checks.map((c) => [c.kind, c.valid, c.modification, c.signingTimeSource])).toEqual([
      ['signature', true, 'signaturesOnly', 'claimed'],
      ['docTimeStamp', true, 'none', 'timestamp'],
    ]);
    // poppler 22.12 cannot validate ETSI.RFC3161 ("Unimplemented Feature"): openssl checks the document timestamp.
    expect(opensslVerifyAll(stamped, env.pki.caPath, env.pki.dir)).toEqual([true, true]);
    // The leader's signature still verifies for poppler after the document timestamp was appended.
    expect(pdfsig(stamped, env.nssDir, env.pki.dir)[0]).toMatchObject({ signatureValid: true, certificateTrusted: true });
    expect(qpdfCheck(stamped, env.pki.dir).status).toBe(0);
    rmSync(queueDir, { recursive: true, force: true });
  });
});
