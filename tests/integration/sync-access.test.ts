/**
 * Pull side of access changes, against the real server on a real PostgreSQL (so the test can change a user's role
 * the way an admin tool would): a user who loses access loses the local copy (rows and cached file bytes), and gets
 * it back when access returns (core/sync/apply-pull.ts re-pulls from 0 when the owner's role or unit changed).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerYearOf } from '../../src-shared/domain/dates';
import { b64 } from '../../src-main/core/testing/offline-core';
import { startCore, type StartedCore } from '../helpers/core';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { DEMO_PASSWORD, sha256, spawnServer, type ServerProcess } from '../helpers/server-process';

describe('sync: access changes', () => {
  let postgres: TestPostgres;
  let server: ServerProcess;
  let db: pg.Client;
  const cores: StartedCore[] = [];

  beforeAll(async () => {
    postgres = await startPostgres('vanban_access');
    server = await spawnServer({ databaseUrl: postgres.url, seed: 'demo' });
    db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
  });
  afterAll(async () => {
    for (const c of cores) await c.close().catch(() => {});
    await db?.end();
    await server?.dispose();
    await postgres?.stop();
  });

  /** What an admin tool does: a versioned update under the version-writer lock (src-server/db/versions.ts). */
  async function serverUpdate(statement: string, params: unknown[]) {
    await db.query('BEGIN');
    await db.query('SELECT pg_advisory_xact_lock(740202)');
    await db.query(statement, params);
    await db.query('COMMIT');
  }
  const start = async (username: string) => {
    const c = await startCore({ serverUrl: server.url });
    cores.push(c);
    await c.client.call('auth.login', { username, password: DEMO_PASSWORD });
    await c.client.call('sync.now', {});
    return c;
  };
  const count = (c: StartedCore, table: string) => c.core.ctx.replica.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

  it('drops documents and their cached files when the role loses access, and brings them back when it returns', async () => {
    const clerk = await start('vanthu');
    const bytes = Buffer.concat([Buffer.from('504b0304', 'hex'), randomBytes(4000)]);
    const staged = await clerk.client.call('intake.stageFile', { name: 'phu-luc.docx', contentBase64: b64(bytes) });
    const doc = await clerk.client.call('documents.registerIncoming', {
      issuer: 'UBND huyện Kim Sơn', number: '5', notation: 'UBND-VP', documentDate: `${registerYearOf()}-02-01`, docType: 'CV',
      subject: 'Về kế hoạch kiểm tra công vụ', urgency: 'normal', secrecy: 'none', dueDate: null,
      files: [{ sha256: staged.sha256, name: staged.name, role: 'main' }],
    });
    expect((await clerk.client.call('sync.now', {})).pendingMutations).toBe(0);

    const leader = await start('giamdoc');
    expect(await leader.client.call('documents.getIncoming', { id: doc.id })).toMatchObject({ syncState: 'synced' });
    await leader.client.call('files.read', { sha256: sha256(bytes) });
    const cached = join(leader.dataDir, 'files', sha256(bytes).slice(0, 2), sha256(bytes));
    expect(existsSync(cached)).toBe(true);
    const docsBefore = count(leader, 'incoming_documents') as number;
    expect(docsBefore).toBeGreaterThan(1);

    await serverUpdate("UPDATE users SET role = 'staff', version = nextval('change_version') WHERE username = $1", ['giamdoc']);
    expect(await leader.client.call('sync.now', {})).toMatchObject({ state: 'idle', lastError: null });
    expect(count(leader, 'incoming_documents')).toBe(0);
    expect(count(leader, 'document_files')).toBe(0);
    expect(existsSync(cached)).toBe(false);
    await expect(leader.client.call('documents.getIncoming', { id: doc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(leader.client.call('files.read', { sha256: sha256(bytes) })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await serverUpdate("UPDATE users SET role = 'leader', version = nextval('change_version') WHERE username = $1", ['giamdoc']);
    await leader.client.call('sync.now', {});
    expect(count(leader, 'incoming_documents')).toBe(docsBefore);
    expect(await leader.client.call('documents.getIncoming', { id: doc.id })).toMatchObject({ syncState: 'synced' });
    const read = await leader.client.call('files.read', { sha256: sha256(bytes) });
    expect(Buffer.from(read.contentBase64, 'base64').equals(bytes)).toBe(true);
  });
});
