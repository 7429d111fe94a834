/**
 * Signing, timed on SoftHSM2: a 1-page PDF and a 10 MB PDF (host work only: parse, incremental update,
 * hashing, CMS — the token's own signing time is measured apart and subtracted), and a batch of 50 documents
 * with one PIN through the token worker. Baseline in the same run: @signpdf/signpdf with the same key in a P12
 * on the same files. Env: BENCH_N (default 15 for 1 page; 10 MB and batch use fewer rounds).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { concatTransformationMatrix, drawObject, PDFDocument, PDFName, popGraphicsState, pushGraphicsState } from '@cantoo/pdf-lib';
import { createCmsSignature, type CmsSigner } from '../src-main/core/signing/cms';
import { createPadesService } from '../src-main/core/signing/pades.service';
import { digestByteRange, embedCms, prepareSignatureRevision } from '../src-main/core/signing/pdf-incremental';
import { createTokenSigner } from '../src-main/core/signing/token-signer';
import { P12_PASSPHRASE } from '../tests/helpers/pki';
import { createSigningTestEnv, LEADER_PIN } from '../tests/helpers/signing-env';
import { pdfLibDocument, signWithSignpdf } from '../tests/helpers/signing-fixtures';
import { printFigure, summarize } from './figures';

const BENCH = 'signing';
const N = Number(process.env.BENCH_N ?? 15);

/** A PDF of about `mb` megabytes: one page showing an incompressible image (a scan-sized file). */
async function bigPdf(mb: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await pdfLibDocument());
  // Random bytes as a raw DeviceGray image: nothing compresses, so the file really is this large.
  const side = Math.floor(Math.sqrt(mb * 1024 * 1024));
  const stream = doc.context.stream(randomBytes(side * side), {
    Type: 'XObject', Subtype: 'Image', Width: side, Height: side, ColorSpace: 'DeviceGray', BitsPerComponent: 8,
  });
  const ref = doc.context.register(stream);
  const page = doc.getPage(0);
  page.node.setXObject(PDFName.of('Scan'), ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(500, 0, 0, 500, 50, 200), drawObject('Scan'), popGraphicsState());
  return doc.save({ useObjectStreams: false });
}

function timedSigner(inner: CmsSigner, spent: { ms: number }): CmsSigner {
  return {
    keyAlgorithm: inner.keyAlgorithm,
    async sign(data) {
      const t = performance.now();
      const sig = await inner.sign(data);
      spent.ms += performance.now() - t;
      return sig;
    },
  };
}

async function main() {
  const env = createSigningTestEnv();
  try {
    const opened = await env.tokens.call({ op: 'openSession', token: env.leader.token, pin: LEADER_PIN, confirmFinalTry: false });
    const tokenSigner = createTokenSigner({
      tokens: env.tokens,
      sessionId: opened.sessionId,
      keyId: '01',
      keyAlgorithm: 'RSA',
      certDer: env.pki.leader.certDer,
    });

    const hostOnly = async (pdf: Uint8Array) => {
      const spent = { ms: 0 };
      const t = performance.now();
      const prepared = await prepareSignatureRevision(pdf, { fieldName: 'Bench', kind: 'signature', signingTime: new Date(), contentsBytes: 16384 });
      const cms = await createCmsSignature({ signer: timedSigner(tokenSigner, spent), signerCertDer: env.pki.leader.certDer, contentDigest: digestByteRange(prepared) });
      embedCms(prepared, cms);
      return { host: performance.now() - t - spent.ms, token: spent.ms };
    };
    const signpdfTime = async (pdf: Uint8Array) => {
      const t = performance.now();
      await signWithSignpdf(pdf, env.pki.leader.p12, P12_PASSPHRASE);
      return performance.now() - t;
    };

    const cases: Array<{ name: string; pdf: Uint8Array; rounds: number }> = [
      { name: '1 page', pdf: await pdfLibDocument(), rounds: N },
      { name: '10 MB', pdf: await bigPdf(10), rounds: Math.max(3, Math.ceil(N / 3)) },
    ];
    for (const c of cases) {
      process.stderr.write(`${c.name}: ${(c.pdf.length / 1048576).toFixed(2)} MB\n`);
      await hostOnly(c.pdf); // warm-up
      await signpdfTime(c.pdf);
      const host: number[] = [];
      const token: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < c.rounds; i++) {
        const r = await hostOnly(c.pdf);
        host.push(r.host);
        token.push(r.token);
        base.push(await signpdfTime(c.pdf));
      }
      const baseline = { name: '@signpdf/signpdf + P12 (same key, same file)', median: summarize(base).median };
      printFigure({ bench: BENCH, figure: `sign ${c.name} PDF, host work without the token operation`, unit: 'ms', baseline, ...summarize(host) });
      printFigure({ bench: BENCH, figure: `token RSA-2048 signature (SoftHSM2 via worker), ${c.name} run`, unit: 'ms', ...summarize(token) });
    }
    await env.tokens.call({ op: 'closeSession', sessionId: opened.sessionId });

    const pades = createPadesService({ tokens: env.tokens, stampFont: env.stampFont });
    const doc = await pdfLibDocument();
    const items = Array.from({ length: 50 }, (_, i) => ({ documentId: `d${i}`, pdf: doc, reason: 'Phê duyệt', role: { kind: 'invisible' as const } }));
    const batch: number[] = [];
    const baseBatch: number[] = [];
    for (let round = 0; round < 2; round++) {
      let t = performance.now();
      const { results } = await pades.signBatch({ signer: env.leader, pin: LEADER_PIN, items });
      if (results.some((r) => !r.ok)) throw new Error('batch had failures');
      batch.push(performance.now() - t);
      t = performance.now();
      for (const it of items) await signWithSignpdf(it.pdf, env.pki.leader.p12, P12_PASSPHRASE);
      baseBatch.push(performance.now() - t);
    }
    printFigure({
      bench: BENCH,
      figure: 'batch of 50 one-page PDFs, one PIN, token signing included',
      unit: 'ms',
      baseline: { name: '@signpdf/signpdf + P12, 50 files one after another', median: summarize(baseBatch).median },
      ...summarize(batch),
    });
  } finally {
    await env.dispose();
  }
}

await main();
