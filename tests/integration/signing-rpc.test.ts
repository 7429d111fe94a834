/**
 * Signing through the contract: a real core (direct transport, same validation as IPC) with a private SoftHSM2
 * holding the leader's token and the test CA as trust anchor. Lists the certificates, signs a batch of three
 * PDFs with one PIN (a corrupt one fails, the others are signed), refuses a wrong PIN with a clear message,
 * and verifies the result; every signed file is checked with pdfsig and qpdf.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../src-shared/contract/errors';
import type { SigningProgress } from '../../src-shared/contract/methods';
import { b64, startOfflineCore, type OfflineCore } from '../../src-main/core/testing/offline-core';
import { cacheFile, readCached } from '../helpers/signing-core';
import { createSigningTestEnv, LEADER_PIN, type SigningTestEnv } from '../helpers/signing-env';
import { corruptPdf, pdfLibDocument, pdfsig, qpdfCheck, signatureImage } from '../helpers/signing-fixtures';

let env: SigningTestEnv;
let core: OfflineCore;

beforeAll(async () => {
  env = createSigningTestEnv();
  core = await startOfflineCore('leader', {
    coreOptions: {
      signing: { modulePath: '/usr/lib/softhsm/libsofthsm2.so', tokenClient: { env: env.hsm.env } },
      trustAnchorsPem: [env.pki.caPem],
    },
  });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await env?.dispose();
});

describe('signing through the contract', () => {
  it('lists the modules and the certificates, refused ones with their Vietnamese reason', async () => {
    const modules = await core.client.call('signing.listModules', {});
    expect(modules.modules[0]).toMatchObject({ path: '/usr/lib/softhsm/libsofthsm2.so', source: 'env', exists: true });

    const { certificates } = await core.client.call('signing.listTokens', {});
    const leader = certificates.find((c) => c.tokenLabel === 'LANH DAO')!;
    expect(leader).toMatchObject({ subjectCommonName: 'Nguyễn Văn Đức', usable: true, problem: null, pinState: 'ok' });
    expect(leader.issuer).toContain('CN=');
    const misc = certificates.filter((c) => c.tokenLabel === 'KHAC');
    expect(misc).toHaveLength(3);
    for (const c of misc) {
      expect(c.usable).toBe(false);
      expect(c.problem).toMatch(/chứng thư/i);
    }
  });

  it('keeps the driver file the user picks in settings, refusing relative and missing paths', async () => {
    const refused = (path: string) =>
      core.client.call('signing.setModulePath', { path }).then(() => null, (err: unknown) => (err as AppError).code);
    expect(await refused('libsofthsm2.so')).toBe('INVALID_INPUT');
    expect(await refused('/khong/co/tep-nay.so')).toBe('TOKEN_MODULE_UNAVAILABLE');
    const set = await core.client.call('signing.setModulePath', { path: '/usr/lib/softhsm/libsofthsm2.so' });
    expect(set.userPath).toBe('/usr/lib/softhsm/libsofthsm2.so');
    expect(set.modules[0]).toMatchObject({ source: 'user', exists: true });
    expect(JSON.parse(readFileSync(join(core.dir, 'settings.json'), 'utf8')).pkcs11ModulePath).toBe('/usr/lib/softhsm/libsofthsm2.so');
    const cleared = await core.client.call('signing.setModulePath', { path: null });
    expect(cleared.userPath).toBeNull();
    expect((await core.client.call('signing.listModules', {})).modules[0]!.source).toBe('env');
  });

  it('signs a batch of three with one PIN: the corrupt file fails, the others are signed and verify', async () => {
    const a = cacheFile(core, 'quyet-dinh.pdf', await pdfLibDocument());
    const bad = cacheFile(core, 'hong.pdf', corruptPdf(await pdfLibDocument()));
    const c = cacheFile(core, 'cong-van.pdf', await pdfLibDocument(2));
    const { certificates } = await core.client.call('signing.listTokens', {});
    const leader = certificates.find((x) => x.tokenLabel === 'LANH DAO')!;
    const progress: SigningProgress[] = [];
    const off = core.core.events.subscribe((name, p) => {
      if (name === 'signing.progress') progress.push(p as SigningProgress);
    });

    const res = await core.client.call('signing.signFiles', {
      files: [
        { sha256: a, name: 'quyet-dinh.pdf' },
        { sha256: bad, name: 'hong.pdf' },
        { sha256: c, name: 'cong-van.pdf' },
      ],
      certificateId: leader.id,
      pin: LEADER_PIN,
      appearance: 'approval',
      imageBase64: b64(signatureImage()),
    });
    off();

    expect(res.results.map((r) => [r.name, r.ok])).toEqual([
      ['quyet-dinh.pdf', true],
      ['hong.pdf', false],
      ['cong-van.pdf', true],
    ]);
    expect(res.results[1]!.error?.message).toMatch(/\p{L}/u);
    expect(progress.map((p) => [p.done, p.total, p.current, p.lastResult.ok])).toEqual([
      [1, 3, 'quyet-dinh.pdf', true],
      [2, 3, 'hong.pdf', false],
      [3, 3, 'cong-van.pdf', true],
    ]);

    for (const [i, r] of res.results.entries()) {
      if (!r.ok) continue;
      const signed = r.signed!;
      expect(signed.sha256).not.toBe(r.sha256);
      expect(signed.signatures).toHaveLength(1);
      expect(signed.signatures[0]).toMatchObject({ valid: true, integrity: true, chain: 'trusted', signer: 'Nguyễn Văn Đức', modifiedAfterSigning: false });
      // The signed file is in the cache under its own sha256; the original is a byte prefix of it (incremental update).
      const bytes = await readCached(core, signed.sha256);
      const original = await readCached(core, r.sha256);
      expect(Buffer.from(bytes.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
      const report = pdfsig(bytes, env.nssDir, env.pki.dir);
      expect(report, `pdfsig for file ${i}`).toHaveLength(1);
      expect(report[0]).toMatchObject({ signer: 'Nguyễn Văn Đức', signatureValid: true, certificateTrusted: true, totalDocumentSigned: true });
      expect(qpdfCheck(bytes, env.pki.dir).status).toBe(0);

      const verified = await core.client.call('signing.verify', { sha256: signed.sha256 });
      expect(verified.signatures[0]).toMatchObject({ valid: true, signer: 'Nguyễn Văn Đức', chain: 'trusted' });
      expect(verified.signatures[0]!.issuer).toBe(signed.signatures[0]!.issuer);
    }
  });

  it('refuses a wrong PIN with a message saying what to do, and signs nothing', async () => {
    const a = cacheFile(core, 'to-trinh.pdf', await pdfLibDocument());
    const { certificates } = await core.client.call('signing.listTokens', {});
    const leader = certificates.find((x) => x.tokenLabel === 'LANH DAO')!;
    const res = await core.client
      .call('signing.signFiles', {
      files: [{ sha256: a, name: 'to-trinh.pdf' }],
      certificateId: leader.id,
      pin: '000000',
      appearance: 'attachmentStamp',
      numberAndSymbol: '12/QĐ-UBND',
      })
      .then(() => null, (err: unknown) => err as AppError);
    expect(res?.code).toBe('PIN_INCORRECT');
    expect(res?.message).toMatch(/Mã PIN không đúng/);
    // SoftHSM2 sets "count low" after a wrong PIN: the list now says so, and the right PIN still works with a warning.
    const after = (await core.client.call('signing.listTokens', {})).certificates.find((x) => x.tokenLabel === 'LANH DAO')!;
    expect(after.pinState).toBe('countLow');
    const ok = await core.client.call('signing.signFiles', {
      files: [{ sha256: a, name: 'to-trinh.pdf' }],
      certificateId: after.id,
      pin: LEADER_PIN,
      appearance: 'attachmentStamp',
      numberAndSymbol: '12/QĐ-UBND',
    });
    expect(ok.results[0]!.ok).toBe(true);
    expect(ok.warning).toMatch(/ít lần thử/);
  });

  it('verifies an unsigned file as having no signatures and a tampered signed file as modified', async () => {
    const plain = cacheFile(core, 'chua-ky.pdf', await pdfLibDocument());
    expect((await core.client.call('signing.verify', { sha256: plain })).signatures).toEqual([]);
    const { certificates } = await core.client.call('signing.listTokens', {});
    const leader = certificates.find((x) => x.tokenLabel === 'LANH DAO')!;
    const res = await core.client.call('signing.signFiles', {
      files: [{ sha256: plain, name: 'chua-ky.pdf' }],
      certificateId: leader.id,
      pin: LEADER_PIN,
      appearance: 'attachmentStamp',
    });
    const signed = Buffer.from(await readCached(core, res.results[0]!.signed!.sha256));
    // Flip one byte inside the signed range (the page content) without touching the structure.
    const at = signed.indexOf(Buffer.from('stream')) + 20;
    signed[at] = signed[at]! ^ 0x01;
    const tampered = cacheFile(core, 'da-sua.pdf', new Uint8Array(signed));
    const v = await core.client.call('signing.verify', { sha256: tampered });
    expect(v.signatures[0]).toMatchObject({ valid: false, integrity: false });
  });
});
