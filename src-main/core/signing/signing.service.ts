/**
 * The signing use cases behind the contract's signing.* methods: which PKCS#11 drivers exist here, which
 * certificates the plugged-in tokens hold, signing cached PDFs in one batch with one PIN, and verifying a
 * cached PDF. Signed PDFs are new content-addressed files (the original stays as it was).
 * The PIN goes to the token worker for one login and is never stored, returned or logged.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { AppError } from '../../../src-shared/contract/errors';
import type {
  ReceivedSignature,
  SignFileResult,
  SigningCertificate,
  SigningModules,
  SigningProgress,
} from '../../../src-shared/contract/methods';
import { type signFilesInputSchema } from '../../../src-shared/contract/methods';
import type { z } from 'zod';
import { createPadesService, type SignatureRole, type SignItem } from './pades.service';
import { candidateModulePaths, findPkcs11Modules } from './pkcs11-modules';
import type { TokenClient } from './token.client';
import { listSigningCertificates, type SigningCertificateChoice } from './token-inventory';
import { verifyPdfSignatures } from './verify';
import type { IssuanceFillIn } from '../../../src-shared/contract/methods-signing';
import { attachSignedFile, type SignedFileAttachers } from './signed-attach';
import { createTimestampService } from './timestamps.service';
import { readSettings, writeSettings } from '../settings';
import { join } from 'node:path';
import { locateFillIn } from './fill-in-locator';

export type SigningServiceDeps = {
  tokens: TokenClient;
  readUserModulePath: () => string | null;
  saveUserModulePath: (path: string | null) => void;
  /** Env VANBAN_PKCS11_MODULE: a driver the installer or the demo configured. */
  envModulePath?: string;
  readPdf: (sha256: string) => Promise<Uint8Array>;
  /** Stores the signed bytes under their sha256 with this name; returns the sha256. */
  storePdf: (name: string, bytes: Uint8Array) => string;
  trustAnchorsPem: () => string[];
  stampFont: () => Uint8Array;
  requireUser: () => unknown;
  emitProgress: (p: SigningProgress) => void;
  /**
   * Timestamps: the TSA URL lives in `<dataDir>/settings.json` (`tsaUrl`), the durable queue in
   * `<dataDir>/timestamps/`. Absent: signatures never carry a timestamp.
   */
  timestampConfig?: { dataDir: string; retryMs?: number; log?: (message: string) => void };
  emitTimestamped?: (file: { from: string; to: string; name: string }) => void;
  /** Where signed files with `attachTo` go (per document kind). */
  attachers?: SignedFileAttachers;
  now?: () => Date;
};

type SignFilesParams = z.output<typeof signFilesInputSchema>;

/** Default place of the leader's signature image when the document gives none: above the name, right column. */
const DEFAULT_APPROVAL_RECT = { x: 355, y: 150, width: 170, height: 70 };

export function toReceivedSignatures(checks: Awaited<ReturnType<typeof verifyPdfSignatures>>): ReceivedSignature[] {
  return checks.map((c) => ({
    fieldName: c.fieldName,
    kind: c.kind,
    valid: c.valid,
    integrity: c.integrity,
    chain: c.chain,
    signer: c.signer?.subjectCommonName ?? null,
    signerSubject: c.signer?.subject ?? null,
    issuer: c.signer?.issuer ?? null,
    signingTime: c.signingTime?.toISOString() ?? null,
    signingTimeSource: c.signingTimeSource,
    modifiedAfterSigning: c.modification === 'modified',
    problems: c.problems,
  }));
}

function certificateId(choice: SigningCertificateChoice): string {
  const certHash = createHash('sha256').update(choice.certificate.certDer).digest('hex').slice(0, 32);
  return Buffer.from(JSON.stringify([choice.token.modulePath, choice.token.serial, choice.keyId, certHash])).toString('base64url');
}

function signedName(name: string): string {
  const base = name.replace(/\.pdf$/i, '');
  return `${base}.ky-so.pdf`;
}

export function createSigningService(deps: SigningServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const tsConfig = deps.timestampConfig;
  const timestamps = tsConfig
    ? createTimestampService({
        dir: join(tsConfig.dataDir, 'timestamps'),
        readTsaUrl: () => {
          const v = readSettings(tsConfig.dataDir).tsaUrl;
          return typeof v === 'string' && v ? v : null;
        },
        saveTsaUrl: (url) => writeSettings(tsConfig.dataDir, { tsaUrl: url ?? undefined }),
        readPdf: deps.readPdf,
        storePdf: deps.storePdf,
        onTimestamped: async (f) => {
          if (f.attachTo) {
            const size = (await deps.readPdf(f.to)).byteLength;
            const file = { sha256: f.to, name: f.name, size, mime: 'application/pdf' as const };
            const r = await attachSignedFile(deps.attachers ?? {}, { target: f.attachTo, file, appearance: 'docTimeStamp', replaces: f.from });
            if (r.attachError) tsConfig.log?.(`timestamped file ${f.to} not attached: ${r.attachError}`);
          }
          deps.emitTimestamped?.({ from: f.from, to: f.to, name: f.name });
        },
        ...(tsConfig.retryMs ? { retryMs: tsConfig.retryMs } : {}),
        ...(tsConfig.log ? { log: tsConfig.log } : {}),
        now,
      })
    : undefined;
  timestamps?.start();

  function search() {
    return { platform: process.platform, userPath: deps.readUserModulePath() ?? deps.envModulePath, systemRoot: process.env.SystemRoot };
  }

  function listModules(): SigningModules {
    const userPath = deps.readUserModulePath();
    type Source = SigningModules['modules'][number]['source'];
    const listed: { path: string; source: Source }[] = [
      ...(userPath ? [{ path: userPath, source: 'user' as const }] : []),
      ...(deps.envModulePath ? [{ path: deps.envModulePath, source: 'env' as const }] : []),
      ...candidateModulePaths({ platform: process.platform, systemRoot: process.env.SystemRoot }).map((path) => ({ path, source: 'builtin' as const })),
    ];
    const seen = new Set<string>();
    const modules = listed
      .filter((m) => (seen.has(m.path) ? false : (seen.add(m.path), true)))
      .map((m) => ({ ...m, exists: existsSync(m.path) }));
    return { modules, userPath };
  }

  async function choices(): Promise<{ choices: SigningCertificateChoice[]; unavailableModules: string[] }> {
    return listSigningCertificates({ tokens: deps.tokens, search: search(), now: now() });
  }

  function toCertificate(c: SigningCertificateChoice): SigningCertificate {
    const locked = c.pinState === 'locked';
    const problem = c.problem?.message ?? (locked ? new AppError('PIN_LOCKED').message : null);
    return {
      id: certificateId(c),
      tokenLabel: c.token.label,
      tokenSerial: c.token.serial,
      manufacturer: c.token.manufacturer,
      model: c.token.model,
      pinState: c.pinState,
      subjectCommonName: c.certificate.subjectCommonName,
      subject: c.certificate.subject,
      issuer: c.certificate.issuer,
      serialNumber: c.certificate.serialNumber,
      notBefore: c.certificate.notBefore.toISOString(),
      notAfter: c.certificate.notAfter.toISOString(),
      keyUsage: c.certificate.keyUsage ?? null,
      keyAlgorithm: c.certificate.keyAlgorithm,
      usable: problem === null,
      problem,
    };
  }

  function roleFor(p: SignFilesParams, signerName: string): SignatureRole {
    const image = p.imageBase64 ? new Uint8Array(Buffer.from(p.imageBase64, 'base64')) : undefined;
    switch (p.appearance) {
      case 'approval':
        // Without the leader's signature image the signature is shown as a text stamp with the signer's name.
        return image
          ? { kind: 'approval', signatureImage: image, pageIndex: 0, rect: DEFAULT_APPROVAL_RECT }
          : { kind: 'attachment', numberAndSymbol: `Người ký: ${signerName}` };
      case 'seal':
        if (!image) throw new AppError('INVALID_INPUT', 'Chưa có hình con dấu của cơ quan. Hãy chọn tệp ảnh PNG của con dấu.');
        return { kind: 'issuance', sealImage: image };
      case 'attachmentStamp':
        return { kind: 'attachment', numberAndSymbol: p.numberAndSymbol?.trim() || signerName };
      case 'copyStamp':
        return {
          kind: 'copy',
          copyForm: p.copyForm?.trim() || 'SAO Y',
          copyingOrganization: p.copyingOrganization?.trim() || signerName,
        };
    }
  }

  /** The clerk's seal also writes the number and issue date where the draft left them blank. */
  async function withFillIn(role: SignatureRole, pdf: Uint8Array, fillIn: IssuanceFillIn | undefined): Promise<SignatureRole> {
    if (!fillIn) return role;
    if (role.kind !== 'issuance') {
      throw new AppError('INVALID_INPUT', 'Số và ngày văn bản chỉ được điền khi văn thư đóng dấu số của cơ quan (chọn kiểu chữ ký "Dấu cơ quan").');
    }
    return { ...role, fillIn: await locateFillIn(pdf, fillIn) };
  }

  async function verifyBytes(pdf: Uint8Array): Promise<ReceivedSignature[]> {
    return toReceivedSignatures(await verifyPdfSignatures(pdf, { trustAnchorsPem: deps.trustAnchorsPem() }));
  }

  return {
    listModules() {
      deps.requireUser();
      return listModules();
    },

    setModulePath(path: string | null): SigningModules {
      deps.requireUser();
      if (path !== null && !(path.startsWith('/') || /^[A-Za-z]:\\/.test(path))) {
        throw new AppError('INVALID_INPUT', 'Hãy chọn đường dẫn đầy đủ tới tệp trình điều khiển USB ký số (ví dụ C:\\Windows\\System32\\vnptca_p11_v8.dll).');
      }
      if (path !== null && !existsSync(path)) {
        throw new AppError('TOKEN_MODULE_UNAVAILABLE', 'Không thấy tệp trình điều khiển ở đường dẫn này. Hãy kiểm tra lại hoặc cài phần mềm của USB ký số.');
      }
      deps.saveUserModulePath(path);
      return listModules();
    },

    async listTokens(): Promise<{ certificates: SigningCertificate[]; unavailableModules: string[] }> {
      deps.requireUser();
      if (findPkcs11Modules(search()).length === 0) throw new AppError('TOKEN_MODULE_UNAVAILABLE');
      const listed = await choices();
      return { certificates: listed.choices.map(toCertificate), unavailableModules: listed.unavailableModules };
    },

    async signFiles(p: SignFilesParams): Promise<{ warning: string | null; results: SignFileResult[] }> {
      deps.requireUser();
      const { choices: all } = await choices();
      const choice = all.find((c) => certificateId(c) === p.certificateId);
      if (!choice) throw new AppError('CERT_NOT_FOUND');
      if (choice.problem) throw new AppError(choice.problem.code, choice.problem.message);
      if (choice.pinState === 'locked') throw new AppError('PIN_LOCKED');

      const results: SignFileResult[] = [];
      const items: SignItem[] = [];
      const reason = p.reason?.trim() || 'Phê duyệt văn bản';
      const role = roleFor(p, choice.certificate.subjectCommonName);
      // Unreadable files fail on their own; the rest of the batch is still signed.
      const readable: typeof p.files = [];
      for (const f of p.files) {
        try {
          const pdf = await deps.readPdf(f.sha256);
          items.push({ documentId: f.sha256, pdf, role: await withFillIn(role, pdf, p.fillIn), reason });
          readable.push(f);
        } catch (err) {
          const error = err instanceof AppError ? err.toValue() : new AppError('FILE_INVALID').toValue();
          results.push({ sha256: f.sha256, name: f.name, ok: false, signed: null, error });
        }
      }
      if (items.length === 0) return { warning: null, results };

      const tsa = timestamps?.tsa();
      const pades = createPadesService({ tokens: deps.tokens, stampFont: deps.stampFont(), now, ...(tsa ? { tsa } : {}) });
      let queued = 0;
      const total = p.files.length;
      // One login for the batch; each document is signed, stored and reported before the next one starts.
      const session = await pades.openSession({
        signer: { token: choice.token, keyId: choice.keyId, certDer: choice.certificate.certDer },
        pin: p.pin,
        confirmFinalTry: p.confirmFinalTry,
      });
      try {
        for (const [i, item] of items.entries()) {
          const f = readable[i]!;
          let out: SignFileResult;
          try {
            const signed = await session.sign(item);
            const name = signedName(f.name);
            const sha256 = deps.storePdf(name, signed.pdf);
            if (signed.timestamp === 'queued' && timestamps) {
              await timestamps.enqueue(sha256, name, f.attachTo);
              queued++;
            }
            const attached = f.attachTo
              ? await attachSignedFile(deps.attachers ?? {}, {
                  target: f.attachTo,
                  file: { sha256, name, size: signed.pdf.byteLength, mime: 'application/pdf' },
                  appearance: p.appearance,
                })
              : { attachedTo: null, attachError: null };
            out = {
              sha256: f.sha256,
              name: f.name,
              ok: true,
              signed: { sha256, name, signatures: await verifyBytes(signed.pdf) },
              error: null,
              timestamp: signed.timestamp,
              ...attached,
            };
          } catch (err) {
            const error = err instanceof AppError ? err.toValue() : new AppError('INTERNAL').toValue();
            out = { sha256: f.sha256, name: f.name, ok: false, signed: null, error };
          }
          results.push(out);
          deps.emitProgress({ done: results.length, total, current: f.name, lastResult: out });
        }
      } finally {
        await session.close();
      }
      const warning = session.warning;
      // The TSA did not answer during the batch: try again in the background (it may be back already).
      if (queued > 0) void timestamps?.retry().catch(() => undefined);
      const order = new Map(p.files.map((f, i) => [f.sha256, i]));
      results.sort((a, b) => (order.get(a.sha256) ?? 0) - (order.get(b.sha256) ?? 0));
      return { warning: warning?.message ?? null, results };
    },

    getSettings() {
      deps.requireUser();
      return { tsaUrl: timestamps?.settings().tsaUrl ?? null };
    },

    setTsaUrl(url: string | null) {
      deps.requireUser();
      if (!timestamps) throw new AppError('INTERNAL', 'Máy này chưa hỗ trợ dấu thời gian.');
      return timestamps.setTsaUrl(url);
    },

    timestamps() {
      deps.requireUser();
      return timestamps?.status() ?? { tsaUrl: null, pending: [], completed: [] };
    },

    async retryTimestamps() {
      deps.requireUser();
      return (await timestamps?.retry()) ?? { tsaUrl: null, pending: [], completed: [] };
    },

    /** Stops the timestamp retries (core shutdown). */
    async close() {
      await timestamps?.close();
    },

    async verify(sha256: string): Promise<{ signatures: ReceivedSignature[] }> {
      deps.requireUser();
      const pdf = await deps.readPdf(sha256);
      try {
        return { signatures: await verifyBytes(pdf) };
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw new AppError('PDF_CORRUPT');
      }
    },
  };
}

export type SigningService = ReturnType<typeof createSigningService>;
