import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64, makePdf, startOfflineCore, type OfflineCore } from '../testing/offline-core';

let c: OfflineCore;
beforeAll(async () => {
  c = await startOfflineCore('clerk');
  const staged = await c.client.call('intake.stageFile', { name: 'cv.pdf', contentBase64: b64(await makePdf(1)) });
  const register = (issuer: string, number: string) =>
    c.client.call('documents.registerIncoming', {
      issuer, number, notation: 'X-VP', documentDate: '2026-11-20', docType: 'CV', subject: 'Về việc thử', urgency: 'normal',
      secrecy: 'none', dueDate: null, files: [{ sha256: staged.sha256, name: staged.name, role: 'main' }],
    });
  await register('Sở Xây dựng Hà Nội', '1');
  await register('Sở Xây dựng Hà Nội', '2');
  await register('SỞ XÂY DỰNG HÀ NỘI', '3');
  await register('Trường Đại học Đà Nẵng', '4');
}, 60_000);
afterAll(async () => {
  await c?.close();
});

const names = async (query: string) => (await c.client.call('directory.issuers', { query })).map((s) => s.name);

describe('directory.issuers', () => {
  it('finds issuers without accents or đ, the most used first, one entry per spelling', async () => {
    const found = await c.client.call('directory.issuers', { query: 'so xay dung' });
    expect(found[0]).toEqual({ name: 'Sở Xây dựng Hà Nội', abbr: null, usedCount: 3 });
    expect(found.map((s) => s.name)).toContain('Sở Xây dựng');
    expect(await names('dai hoc da nang')).toEqual(['Trường Đại học Đà Nẵng']);
    expect(await names('ĐÀ NẴNG')).toEqual(['Trường Đại học Đà Nẵng']);
  });

  it('completes the last word as it is typed and matches the seeded abbreviations', async () => {
    expect(await names('bo noi')).toEqual(['Bộ Nội vụ']);
    expect(await names('bo n')).toEqual(expect.arrayContaining(['Bộ Nội vụ', 'Bộ Ngoại giao', 'Bộ Nông nghiệp và Phát triển nông thôn']));
    expect(await c.client.call('directory.issuers', { query: 'bgddt' })).toEqual([{ name: 'Bộ Giáo dục và Đào tạo', abbr: 'BGDĐT', usedCount: 0 }]);
    expect(await names('xyz khong co')).toEqual([]);
    expect((await c.client.call('directory.issuers', { query: '', limit: 5 }))[0]).toMatchObject({ name: 'Sở Xây dựng Hà Nội' });
  });
});
