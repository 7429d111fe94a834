import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkcs11js from 'pkcs11js';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { encryptedPdf, corruptPdf, pdfLibDocument } from '../../../tests/helpers/signing-fixtures';
import { SOFTHSM_MODULE } from '../../../tests/helpers/softhsm';
import { createPadesService, type SignItem } from './pades.service';
import {
  CKF_USER_PIN_COUNT_LOW,
  CKF_USER_PIN_FINAL_TRY,
  CKF_USER_PIN_LOCKED,
  loginWithPinPolicy,
  type PinPort,
} from './pin-policy';
import { candidateModulePaths, findPkcs11Modules } from './pkcs11-modules';
import { createSigningTestEnv, LEADER_PIN, type SigningTestEnv } from '../../../tests/helpers/signing-env';
import { createTokenClient } from './token.client';
import { listSigningCertificates } from './token-inventory';

let env: SigningTestEnv;
let pades: ReturnType<typeof createPadesService>;

beforeAll(() => {
  env = createSigningTestEnv();
  pades = createPadesService({ tokens: env.tokens, stampFont: env.stampFont });
});
afterAll(async () => {
  await env?.dispose();
});

const invisible = (pdf: Uint8Array, documentId = 'doc'): SignItem => ({ documentId, pdf, reason: 'Phê duyệt', role: { kind: 'invisible' } });

describe('PKCS#11 modules', () => {
  it('probes the Vietnamese token drivers for each OS, the user path first', () => {
    const win = candidateModulePaths({ platform: 'win32', userPath: 'D:\\Token\\custom.dll', systemRoot: 'C:\\Windows' });
    expect(win[0]).toBe('D:\\Token\\custom.dll');
    for (const dll of ['eps2003csp11.dll', 'vnptca_p11_v8.dll', 'viettel-ca_v6.dll', 'BkavCA.dll', 'ShuttleCsp11_3003.dll']) {
      expect(win).toContain(`C:\\Windows\\System32\\${dll}`);
    }
    expect(findPkcs11Modules({ platform: 'linux' })).toContain(SOFTHSM_MODULE);
    expect(findPkcs11Modules({ platform: 'linux', userPath: 'relative/evil.so', exists: () => true })).not.toContain('relative/evil.so');
  });
});

describe('token inventory', () => {
  it('lists both tokens and their certificates with subject, issuer, validity and key usage', async () => {
    const { choices } = await listSigningCertificates({ tokens: env.tokens, search: { platform: 'linux', userPath: SOFTHSM_MODULE }, now: new Date() });
    const leader = choices.find((c) => c.token.label === 'LANH DAO')!;
    expect(leader.certificate.subjectCommonName).toBe('Nguyễn Văn Đức');
    expect(leader.certificate.issuer).toContain('VanBan Test Root CA');
    expect(leader.certificate.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(leader.certificate.keyAlgorithm).toBe('RSA');
    expect(leader.certificate.notAfter.getTime()).toBeGreaterThan(Date.now());
    expect(leader.problem).toBeUndefined();
    expect(choices.find((c) => c.token.label === 'CO QUAN')!.certificate.keyAlgorithm).toBe('ECDSA');
    const byKey = Object.fromEntries(choices.filter((c) => c.token.label === 'KHAC').map((c) => [c.keyId, c.problem?.code]));
    expect(byKey).toEqual({ '11': 'CERT_EXPIRED', '12': 'CERT_NOT_YET_VALID', '13': 'CERT_NOT_FOR_SIGNING' });
  });

  it('reports a module that is not a PKCS#11 driver without crashing', async () => {
    const res = await env.tokens.call({ op: 'listTokens', modulePaths: ['/bin/true', SOFTHSM_MODULE] });
    expect(res.unavailableModules).toEqual(['/bin/true']);
    expect(res.tokens.length).toBe(3);
  });
});

describe('refusals the user sees', () => {
  const refused = async (signer: SigningTestEnv['leader'], pdf?: Uint8Array) => {
    const promise = pades.signBatch({ signer, pin: LEADER_PIN, items: [invisible(pdf ?? (await pdfLibDocument()))] });
    return promise.then(
      (r) => (r.results[0]!.ok ? undefined : r.results[0]!.error),
      (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
    );
  };

  it('refuses an expired certificate before asking the token for the PIN', async () => {
    const error = await refused(env.misc.expired);
    expect(error?.code).toBe('CERT_EXPIRED');
    expect(error?.message).toMatch(/^Chứng thư số của Trần Thị Hết Hạn đã hết hạn ngày \d\d\/\d\d\/\d{4}\. Hãy liên hệ đơn vị cấp chứng thư số để gia hạn\.$/);
  });

  it('refuses a certificate that is not yet valid', async () => {
    expect((await refused(env.misc.notYetValid))?.message).toMatch(/^Chứng thư số của Lê Văn Chưa Tới chỉ có hiệu lực từ ngày/);
  });

  it('refuses a certificate not meant for signing', async () => {
    expect(await refused(env.misc.noSigningUsage)).toEqual({
      code: 'CERT_NOT_FOR_SIGNING',
      message: 'Chứng thư số của Phạm Văn Mã Hóa không dùng để ký số (chỉ dùng để mã hóa). Hãy chọn chứng thư số ký khác trên USB ký số.',
    });
  });

  it('tells the user a wrong PIN is wrong, and the right PIN then works', async () => {
    const pdf = await pdfLibDocument();
    await expect(pades.signBatch({ signer: env.leader, pin: '000000', items: [invisible(pdf)] })).rejects.toMatchObject({
      code: 'PIN_INCORRECT',
      // SoftHSM2 raises "count low" after a failed login, so the user is also told to be careful.
      message: 'Mã PIN không đúng. Còn ít lần thử trước khi USB ký số bị khóa; hãy nhập lại cẩn thận.',
    });
    const { results, warning } = await pades.signBatch({ signer: env.leader, pin: LEADER_PIN, items: [invisible(pdf)] });
    expect(results[0]!.ok).toBe(true);
    // The token still reported "count low" before this login: the user was warned, and signing went ahead.
    expect(warning).toEqual({ code: 'PIN_COUNT_LOW', message: expect.stringContaining('chỉ còn ít lần thử') });
  });

  it('refuses a certificate that does not belong to the key on the token, instead of writing a broken signature', async () => {
    const mismatched = { ...env.leader, certDer: env.pki.otherSigner.certDer };
    const pdf = await pdfLibDocument();
    const { results } = await pades.signBatch({ signer: mismatched, pin: LEADER_PIN, items: [invisible(pdf)] });
    expect(results[0]).toMatchObject({
      ok: false,
      error: { code: 'CERT_NOT_FOUND', message: expect.stringContaining('không khớp với khóa ký trên USB ký số') },
    });
  });

  it('says when no token driver is installed', async () => {
    await expect(
      listSigningCertificates({ tokens: env.tokens, search: { platform: 'linux', exists: () => false }, now: new Date() }),
    ).rejects.toMatchObject({ code: 'TOKEN_MODULE_UNAVAILABLE', message: expect.stringContaining('Không nạp được trình điều khiển USB ký số') });
  });

  it('says when the token is not plugged in', async () => {
    await expect(
      pades.signBatch({ signer: { ...env.leader, token: { modulePath: SOFTHSM_MODULE, label: 'KHONG CO' } }, pin: LEADER_PIN, items: [] }),
    ).rejects.toMatchObject({ code: 'TOKEN_NOT_FOUND', message: 'Không tìm thấy USB ký số. Hãy cắm USB token và thử lại.' });
  });

  it('refuses to add a signature to a certified document that allows no change (DocMDP P=1)', async () => {
    const doc = await PDFDocument.load(await pdfLibDocument());
    const certification = doc.context.register(
      doc.context.obj({
        Type: 'Sig',
        Reference: [{ Type: 'SigRef', TransformMethod: 'DocMDP', TransformParams: { Type: 'TransformParams', P: 1, V: '1.2' } }],
      }),
    );
    doc.catalog.set(PDFName.of('Perms'), doc.context.obj({ DocMDP: certification }));
    const certified = await doc.save({ useObjectStreams: false });
    expect(await refused(env.leader, certified)).toEqual({
      code: 'INVALID_INPUT',
      message: 'Văn bản đã được chứng thực và không cho phép thêm chữ ký. Hãy đề nghị nơi ban hành gửi bản cho phép ký tiếp.',
    });
  });

  it('refuses encrypted and corrupt PDFs with a message that says what to do', async () => {
    const base = await pdfLibDocument();
    expect(await refused(env.leader, encryptedPdf(base, env.pki.dir))).toEqual({
      code: 'PDF_ENCRYPTED',
      message: 'Tệp PDF đang được đặt mật khẩu hoặc mã hóa nên không thể ký. Hãy gỡ mật khẩu rồi ký lại.',
    });
    expect((await refused(env.leader, corruptPdf(base)))?.code).toBe('PDF_CORRUPT');
    expect((await refused(env.leader, new TextEncoder().encode('not a pdf at all')))?.code).toBe('PDF_CORRUPT');
  });
});

describe('PIN flags read from the real token (SoftHSM2 never sets them, so extra bits are added at the seam)', () => {
  let mod: pkcs11js.PKCS11;
  let session: Buffer;
  let slot: Buffer;
  beforeAll(() => {
    process.env.SOFTHSM2_CONF = env.hsm.env.SOFTHSM2_CONF;
    mod = new pkcs11js.PKCS11();
    mod.load(SOFTHSM_MODULE);
    mod.C_Initialize();
    slot = mod.C_GetSlotList(true).find((s) => mod.C_GetTokenInfo(s).label.trim() === 'LANH DAO')!;
  });
  afterAll(() => {
    mod?.C_Finalize();
    mod?.close();
  });
  const port = (extraFlags: number) => {
    const tries: string[] = [];
    const p: PinPort = {
      readFlags: () => mod.C_GetTokenInfo(slot).flags | extraFlags,
      login: (pin) => {
        tries.push(pin);
        session = mod.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
        try {
          mod.C_Login(session, pkcs11js.CKU_USER, pin);
        } finally {
          mod.C_CloseSession(session);
        }
      },
    };
    return { p, tries };
  };

  it('warns when few tries are left but still logs in', () => {
    const { p, tries } = port(CKF_USER_PIN_COUNT_LOW);
    expect(loginWithPinPolicy(p, LEADER_PIN, false).warning?.code).toBe('PIN_COUNT_LOW');
    expect(tries).toEqual([LEADER_PIN]);
  });

  it('attempts nothing on the final try without explicit confirmation', () => {
    const { p, tries } = port(CKF_USER_PIN_FINAL_TRY);
    expect(() => loginWithPinPolicy(p, '999999', false)).toThrow(
      expect.objectContaining({ code: 'PIN_FINAL_TRY', message: expect.stringContaining('lần thử mã PIN cuối cùng') }),
    );
    expect(tries).toEqual([]);
    expect(loginWithPinPolicy(p, LEADER_PIN, true)).toEqual({});
    expect(tries).toEqual([LEADER_PIN]);
  });

  it('on a wrong final try tells the user the token is now locked', () => {
    let after = CKF_USER_PIN_FINAL_TRY;
    const { p } = port(0);
    const realRead = p.readFlags;
    p.readFlags = () => realRead() | after;
    const realLogin = p.login;
    p.login = (pin) => {
      after = CKF_USER_PIN_LOCKED; // what a real token reports after the last wrong try
      realLogin(pin);
    };
    expect(() => loginWithPinPolicy(p, '999999', true)).toThrow(expect.objectContaining({ code: 'PIN_LOCKED' }));
  });

  it('reports a locked token as locked and does not try the PIN', () => {
    const { p, tries } = port(CKF_USER_PIN_LOCKED);
    expect(() => loginWithPinPolicy(p, LEADER_PIN, true)).toThrow(
      expect.objectContaining({ code: 'PIN_LOCKED', message: expect.stringContaining('USB ký số đã bị khóa') }),
    );
    expect(tries).toEqual([]);
  });
});

describe('unplugging the token', () => {
  it('fails the current document cleanly and keeps the documents already signed', async () => {
    const pdf = await pdfLibDocument();
    // A separate token so the other tests keep theirs.
    env.hsm.addToken('RUT RA', LEADER_PIN);
    env.hsm.importIdentity('RUT RA', LEADER_PIN, env.pki.leader, '01');
    const signer = { ...env.leader, token: { modulePath: SOFTHSM_MODULE, label: 'RUT RA' } };
    const items = [0, 1, 2, 3].map((i) => invisible(pdf, `doc-${i}`));
    // A fresh worker sees the token plugged in after the first worker started.
    const tokens = createTokenClient({ env: env.hsm.env });
    const service = createPadesService({ tokens, stampFont: env.stampFont });
    const { results } = await service.signBatch({
      signer,
      pin: LEADER_PIN,
      items,
      onProgress: (p) => {
        if (p.done === 2) env.hsm.deleteToken('RUT RA');
      },
    });
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'ok', 'TOKEN_REMOVED', 'TOKEN_REMOVED']);
    expect(results[2]).toMatchObject({ ok: false, error: { message: expect.stringContaining('USB ký số đã bị rút ra trong khi ký') } });
    expect(results[3]).toMatchObject({ ok: false, error: { message: expect.stringContaining('chưa được ký vì USB ký số đã bị rút ra') } });
    expect(results[1]!.ok && results[1]!.value.pdf.length).toBeGreaterThan(pdf.length);
    await tokens.dispose();
  });

  it('survives the token worker dying (a crashing vendor driver) and starts a new one', async () => {
    const tokens = createTokenClient({ env: env.hsm.env });
    const opened = await tokens.call({ op: 'openSession', token: env.leader.token, pin: LEADER_PIN, confirmFinalTry: false });
    const pid = tokens.workerPid()!;
    const exited = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (tokens.workerPid() !== pid) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    process.kill(pid, 'SIGKILL');
    await exited;
    await expect(
      tokens.call({ op: 'sign', sessionId: opened.sessionId, keyId: '01', mechanism: 'RSA_PKCS', dataBase64: 'AA==' }),
    ).rejects.toMatchObject({ code: 'TOKEN_REMOVED' });
    expect(tokens.workerPid()).not.toBe(pid);
    await tokens.dispose();
  });

  it('treats a module reset (C_Finalize) like an unplugged token', async () => {
    const tokens = createTokenClient({ env: env.hsm.env });
    const opened = await tokens.call({ op: 'openSession', token: env.leader.token, pin: LEADER_PIN, confirmFinalTry: false });
    await tokens.call({ op: 'finalizeModule', modulePath: SOFTHSM_MODULE });
    await expect(
      tokens.call({ op: 'sign', sessionId: opened.sessionId, keyId: '01', mechanism: 'RSA_PKCS', dataBase64: 'AA==' }),
    ).rejects.toMatchObject({ code: 'TOKEN_REMOVED' });
    const listed = await tokens.call({ op: 'listTokens', modulePaths: [SOFTHSM_MODULE] });
    expect(listed.tokens.length).toBeGreaterThan(0);
    await tokens.dispose();
  });
});
