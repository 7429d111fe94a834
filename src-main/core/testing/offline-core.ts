/**
 * Test support: a real core on a temp data dir whose user can unlock offline (as if they had signed in online
 * before), pointed at a port nothing listens on. Used by unit tests that need no server.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { createClient, type Client } from '../../../src-shared/contract/client';
import { createDirectTransport } from '../../../src-shared/contract/direct-transport';
import type { Organization, User } from '../../../src-shared/domain/entities';
import type { Role } from '../../../src-shared/domain/enums';
import { openReplica } from '../db/open-db';
import { createCore, type Core, type CoreOptions } from '../index';
import { hashPassword } from '../services/password-verifier';

export const UNREACHABLE_SERVER = 'http://127.0.0.1:9';
export const TEST_ORG: Organization = { id: '000.00.12.H53', name: 'Sở Thử Nghiệm', abbr: 'STN', place: 'Hà Nội' };

export function makeUser(role: Role, username = `u-${role}`): User {
  return { id: randomUUID(), username, fullName: `Người dùng ${role}`, role, unitId: null, position: '', active: true };
}

/** Writes what an earlier online sign-in would have left: the replica owner and the offline verifier. */
export async function seedOfflineUser(dataDir: string, user: User, password: string): Promise<void> {
  const r = openReplica(join(dataDir, 'replica.db'));
  r.sqlite.prepare('UPDATE sync_state SET user_id = ? WHERE id = 1').run(user.id);
  r.sqlite
    .prepare('INSERT INTO auth_cache (username, user_id, user_json, org_json, verifier, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(user.username, user.id, JSON.stringify(user), JSON.stringify(TEST_ORG), await hashPassword(password), new Date().toISOString());
  r.close();
}

export type OfflineCore = { dir: string; core: Core; client: Client; user: User; close(): Promise<void> };

export async function startOfflineCore(
  role: Role = 'clerk',
  opts: { dir?: string; signIn?: boolean; coreOptions?: Partial<CoreOptions> } = {},
): Promise<OfflineCore> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'vanban-core-'));
  const user = makeUser(role);
  await seedOfflineUser(dir, user, 'matkhau');
  const core = await createCore({ dataDir: dir, serverUrl: UNREACHABLE_SERVER, appVersion: '0.0.0-test', host: 'direct', ...opts.coreOptions });
  const client = createClient(createDirectTransport(core.handlers, core.ctx, core.events));
  if (opts.signIn !== false) await client.call('auth.login', { username: user.username, password: 'matkhau' });
  return {
    dir, core, client, user,
    async close() {
      await core.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function makePdf(pages = 1, text = 'Văn bản thử'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`${text.normalize('NFD').replace(/[\u0300-\u036f]/g, '')} ${i + 1}`, { x: 50, y: 780, font, size: 12 });
  return doc.save();
}

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
