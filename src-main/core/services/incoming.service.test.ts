import { afterEach, describe, expect, it } from 'vitest';
import type { RegisterIncomingInput } from '../../../src-shared/contract/methods';
import { b64, makePdf, startOfflineCore, type OfflineCore } from '../testing/offline-core';

const open: OfflineCore[] = [];
async function core(role: Parameters<typeof startOfflineCore>[0] = 'clerk') {
  const c = await startOfflineCore(role);
  open.push(c);
  return c;
}
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

async function stagePdf(c: OfflineCore, text = 'Công văn') {
  return c.client.call('intake.stageFile', { name: 'cong-van.pdf', contentBase64: b64(await makePdf(2, text)) });
}

function input(over: Partial<RegisterIncomingInput> = {}): RegisterIncomingInput {
  return {
    issuer: 'Sở Xây dựng Hà Nội', number: '1866', notation: 'SXD-VP', documentDate: '2026-11-20', docType: 'CV',
    subject: 'Về việc đăng ký kế hoạch bảo trì công trình', urgency: 'normal', secrecy: 'none', dueDate: null, files: [],
    ...over,
  };
}

describe('documents.registerIncoming', () => {
  it('refuses a non-secret document without a file, and a secret one with a file', async () => {
    const c = await core();
    await expect(c.client.call('documents.registerIncoming', input())).rejects.toMatchObject({ code: 'FILE_REQUIRED' });
    const f = await stagePdf(c);
    await expect(
      c.client.call('documents.registerIncoming', input({ secrecy: 'confidential', files: [{ sha256: f.sha256, name: f.name, role: 'main' }] })),
    ).rejects.toMatchObject({ code: 'SECRET_FILE_FORBIDDEN' });
    // A secret document is a metadata-only entry.
    const secret = await c.client.call('documents.registerIncoming', input({ secrecy: 'confidential' }));
    expect(secret).toMatchObject({ arrivalNumber: 1, provisional: true });
    expect((await c.client.call('documents.listIncoming', {})).total).toBe(1);
  });

  it('lets only clerks and admins register', async () => {
    const leader = await core('leader');
    await expect(leader.client.call('documents.registerIncoming', input({ secrecy: 'secret' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives consecutive provisional numbers and shows the documents as pending, newest first', async () => {
    const c = await core();
    const f = await stagePdf(c);
    const files = [{ sha256: f.sha256, name: f.name, role: 'main' as const }];
    const a = await c.client.call('documents.registerIncoming', input({ files }));
    const b = await c.client.call('documents.registerIncoming', input({ number: '1867', files, subject: 'Về kế hoạch đào tạo' }));
    expect([a.arrivalNumber, b.arrivalNumber]).toEqual([1, 2]);
    const list = await c.client.call('documents.listIncoming', {});
    expect(list.items.map((i) => [i.arrivalNumber, i.syncState, i.provisional, i.fileCount])).toEqual([
      [2, 'pending', true, 1],
      [1, 'pending', true, 1],
    ]);
    // Secret documents have their own series.
    const s = await c.client.call('documents.registerIncoming', input({ number: '5', secrecy: 'confidential' }));
    expect(s.arrivalNumber).toBe(1);
    const detail = await c.client.call('documents.getIncoming', { id: a.id });
    expect(detail.pageCount).toBe(2);
    expect(detail.files).toMatchObject([{ sha256: f.sha256, availableLocally: true, uploadPending: true, pageCount: 2 }]);
    expect(await c.client.call('sync.status', {})).toMatchObject({ pendingMutations: 3, online: false });
  });

  it('warns about the same number, notation and issuer in the year unless the clerk acknowledges it', async () => {
    const c = await core();
    const f = await stagePdf(c);
    const files = [{ sha256: f.sha256, name: f.name, role: 'main' as const }];
    await c.client.call('documents.registerIncoming', input({ files }));
    const again = input({ files, issuer: 'SỞ XÂY DỰNG HÀ NỘI', notation: 'sxd-vp', number: '01866' });
    await expect(c.client.call('documents.registerIncoming', again)).rejects.toMatchObject({ code: 'DUPLICATE_DOCUMENT' });
    expect(
      await c.client.call('documents.checkDuplicate', { issuer: 'Sở Xây dựng Hà Nội', number: '1866', notation: 'SXD-VP', year: 2026 }),
    ).toHaveLength(1);
    // Another year of issue is another document.
    await expect(c.client.call('documents.registerIncoming', { ...again, documentDate: '2025-12-30' })).resolves.toMatchObject({ arrivalNumber: 2 });
    await expect(c.client.call('documents.registerIncoming', { ...again, acknowledgeDuplicate: true })).resolves.toMatchObject({
      arrivalNumber: 3,
    });
  });

  it('finds documents without accents in issuer, number/notation and subject', async () => {
    const c = await core();
    const f = await stagePdf(c);
    const files = [{ sha256: f.sha256, name: f.name, role: 'main' as const }];
    await c.client.call('documents.registerIncoming', input({ files }));
    await c.client.call('documents.registerIncoming', input({ files, issuer: 'Bộ Nội vụ', number: '15', notation: 'QĐ-BNV', subject: 'Quyết định về đào tạo' }));
    const search = async (q: string) => (await c.client.call('documents.listIncoming', { search: q })).items.map((i) => i.issuer);
    expect(await search('dao tao')).toEqual(['Bộ Nội vụ']);
    expect(await search('ĐĂNG KÝ')).toEqual(['Sở Xây dựng Hà Nội']);
    expect(await search('1866/sxd')).toEqual(['Sở Xây dựng Hà Nội']);
    expect(await search('100%')).toEqual([]);
  });

  it('writes nothing when the transaction fails half-way', async () => {
    const c = await core();
    const f = await stagePdf(c);
    const { sqlite } = c.core.ctx.replica;
    // A real failure inside SQLite on the last write of the transaction (the file queue).
    sqlite.exec("CREATE TRIGGER local.fail_queue BEFORE INSERT ON blob_queue BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const nextId = sqlite.prepare('SELECT next_mutation_id FROM sync_state').pluck().get();
    await expect(
      c.client.call('documents.registerIncoming', input({ files: [{ sha256: f.sha256, name: f.name, role: 'main' }] })),
    ).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM pending_incoming').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT next_mutation_id FROM sync_state').pluck().get()).toBe(nextId);
    expect((await c.client.call('documents.listIncoming', {})).total).toBe(0);
    sqlite.exec('DROP TRIGGER fail_queue');
    await expect(
      c.client.call('documents.registerIncoming', input({ files: [{ sha256: f.sha256, name: f.name, role: 'main' }] })),
    ).resolves.toMatchObject({ arrivalNumber: 1 });
  });
});
