/**
 * Resumable, checksummed file transfer against the real server process (PGlite and real PostgreSQL).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src-shared/sync/protocol';
import { makeOfficialPdf } from '../../src-server/seed/demo-pdf';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import {
  headers,
  incomingArgs,
  login,
  mutation,
  pushMutations,
  sha256,
  spawnServer,
  uploadBlob,
  type ServerProcess,
  type Session,
} from '../helpers/server-process';

const BACKENDS = ['pglite', 'postgres'] as const;

/** Sends only the first `sent` bytes of a PATCH that announced more, then cuts the connection. */
function interruptedPatch(s: Session, sha: string, total: number, body: Uint8Array, sent: number): Promise<void> {
  const url = new URL(`${s.url}/api/blobs/${sha}`);
  return new Promise((resolve) => {
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'PATCH',
      headers: headers(s.token, {
        'upload-offset': '0',
        'upload-length': String(total),
        'content-length': String(body.length),
        'content-type': 'application/offset+octet-stream',
      }),
    });
    req.on('error', () => resolve());
    req.write(body.subarray(0, sent), () => {
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
  });
}

async function head(s: Session, sha: string) {
  const res = await fetch(`${s.url}/api/blobs/${sha}`, { method: 'HEAD', headers: headers(s.token) });
  return { status: res.status, offset: Number(res.headers.get('upload-offset')), length: res.headers.get('upload-length') };
}

describe.each(BACKENDS)('server blobs on %s', (backend) => {
  let postgres: TestPostgres | null = null;
  let server: ServerProcess;
  let clerk: Session;

  beforeAll(async () => {
    if (backend === 'postgres') postgres = await startPostgres();
    server = await spawnServer({ databaseUrl: postgres?.url });
    clerk = await login(server.url, 'vanthu');
  });
  afterAll(async () => {
    await server?.dispose();
    await postgres?.stop();
  });

  it('resumes an interrupted upload and serves the file, whole or by range, to those who may see it', async () => {
    const pdf = await makeOfficialPdf({
      issuer: 'Sở Giáo dục và Đào tạo',
      numberNotation: '512/SGDĐT-VP',
      title: '',
      subject: 'V/v tổ chức kỳ thi chọn học sinh giỏi cấp tỉnh',
      paragraphs: ['Kính gửi: Sở Nội vụ.', 'Sở Giáo dục và Đào tạo đề nghị phối hợp cử cán bộ tham gia Ban chỉ đạo kỳ thi.'],
      date: '2026-03-01',
      pages: 2,
    });
    const sha = sha256(pdf);
    expect(await head(clerk, sha)).toMatchObject({ status: 404, offset: 0 });

    // The connection drops in the middle of the first chunk: what reached the server is kept.
    await interruptedPatch(clerk, sha, pdf.length, pdf.subarray(0, 200_000), 120_000);
    let kept = await head(clerk, sha);
    for (let i = 0; i < 20 && kept.offset === 0; i++) kept = await head(clerk, sha);
    expect(kept.status).toBe(404);
    expect(kept.offset).toBeGreaterThan(0);
    expect(kept.offset).toBeLessThanOrEqual(120_000);
    expect(kept.length).toBe(String(pdf.length));

    // A stale offset is refused with the server's offset, so the client can resync.
    const stale = await fetch(`${clerk.url}/api/blobs/${sha}`, {
      method: 'PATCH',
      headers: headers(clerk.token, { 'upload-offset': '0', 'upload-length': String(pdf.length) }),
      body: new Uint8Array(pdf.subarray(0, 10)),
    });
    expect(stale.status).toBe(409);
    expect(Number(stale.headers.get('upload-offset'))).toBe(kept.offset);

    // Resume in 64 KiB chunks from the server's offset; the last chunk completes and checks the hash.
    expect(await uploadBlob(clerk, pdf, 64 * 1024)).toBe(201);
    expect(await head(clerk, sha)).toMatchObject({ status: 200, offset: pdf.length });
    expect(existsSync(path.join(server.dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(true);

    const args = incomingArgs([{ sha256: sha, size: pdf.length }], { year: 2035 });
    expect((await pushMutations(clerk, [mutation(1, args)])).body.results[0]?.status).toBe('applied');

    const leader = await login(server.url, 'giamdoc');
    const whole = await fetch(`${server.url}/api/blobs/${sha}`, { headers: headers(leader.token) });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('application/pdf');
    expect(sha256(new Uint8Array(await whole.arrayBuffer()))).toBe(sha);

    const part = await fetch(`${server.url}/api/blobs/${sha}`, { headers: headers(leader.token, { range: 'bytes=100-1123' }) });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-1123/${pdf.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(Buffer.from(pdf.subarray(100, 1124)))).toBe(true);

    const tail = await fetch(`${server.url}/api/blobs/${sha}`, { headers: headers(leader.token, { range: 'bytes=-16' }) });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(Buffer.from(pdf.subarray(pdf.length - 16)))).toBe(true);

    const beyond = await fetch(`${server.url}/api/blobs/${sha}`, {
      headers: headers(leader.token, { range: `bytes=${pdf.length}-` }),
    });
    expect(beyond.status).toBe(416);

    // Staff cannot see the document yet, so they cannot download its file either.
    const staff = await login(server.url, 'chuyenvien');
    const refused = await fetch(`${server.url}/api/blobs/${sha}`, { headers: headers(staff.token) });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('discards an upload whose bytes do not match the announced SHA-256', async () => {
    const bytes = randomBytes(50_000);
    const claimed = sha256(randomBytes(16));
    const first = await fetch(`${clerk.url}/api/blobs/${claimed}`, {
      method: 'PATCH',
      headers: headers(clerk.token, { 'upload-offset': '0', 'upload-length': String(bytes.length) }),
      body: bytes.subarray(0, 30_000),
    });
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe('30000');
    const last = await fetch(`${clerk.url}/api/blobs/${claimed}`, {
      method: 'PATCH',
      headers: headers(clerk.token, { 'upload-offset': '30000', 'upload-length': String(bytes.length) }),
      body: bytes.subarray(30_000),
    });
    expect(last.status).toBe(422);
    const body = (await last.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('HASH_MISMATCH');
    expect(body.error.message).toContain('tải lại');
    expect(await head(clerk, claimed)).toMatchObject({ status: 404, offset: 0 });
    // A document cannot reference it.
    const res = await pushMutations(clerk, [mutation(50, incomingArgs([{ sha256: claimed, size: bytes.length }], { year: 2035 }))]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FILE_INVALID' } });
  });

  it('refuses a file above the size limit before reading it', async () => {
    const res = await fetch(`${clerk.url}/api/blobs/${sha256(randomBytes(8))}`, {
      method: 'PATCH',
      headers: headers(clerk.token, { 'upload-offset': '0', 'upload-length': String(MAX_FILE_BYTES + 1) }),
      body: randomBytes(1000),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'FILE_TOO_LARGE' } });
  });
});
