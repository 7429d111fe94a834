/**
 * E-mail dispatch (SMTP, nodemailer) for recipients that have only an e-mail address. Settings live in settings.json
 * (`smtp`), the password in the secret store (never in settings, never returned to the UI).
 */
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import { readSettings, writeSettings, type SecretStore } from '../settings';

const SMTP_PASSWORD_KEY = 'smtp.password';

const storedSchema = z.object({
  host: z.string().min(1),
  port: z.number().int(),
  secure: z.boolean(),
  user: z.string(),
  from: z.string().min(3),
});
export type StoredSmtp = z.infer<typeof storedSchema>;

export type SmtpMail = {
  to: string;
  toName: string;
  subject: string;
  text: string;
  attachments: { filename: string; content: Uint8Array; contentType: string }[];
};

export function createSmtpSender(deps: { dataDir: string; secrets: SecretStore }) {
  function stored(): StoredSmtp | null {
    const parsed = storedSchema.safeParse(readSettings(deps.dataDir).smtp);
    return parsed.success ? parsed.data : null;
  }
  return {
    async get(): Promise<(StoredSmtp & { hasPassword: boolean }) | null> {
      const s = stored();
      return s ? { ...s, hasPassword: (await deps.secrets.get(SMTP_PASSWORD_KEY)) !== null } : null;
    },
    async set(s: StoredSmtp & { password?: string | undefined }): Promise<void> {
      const { password, ...rest } = s;
      writeSettings(deps.dataDir, { smtp: storedSchema.parse(rest) });
      if (password !== undefined) {
        if (password) await deps.secrets.set(SMTP_PASSWORD_KEY, password);
        else await deps.secrets.delete(SMTP_PASSWORD_KEY);
      }
    },
    /** Sends one message; throws a Vietnamese AppError saying what to check when the server refuses or cannot be reached. */
    async send(mail: SmtpMail): Promise<{ messageId: string }> {
      const s = stored();
      if (!s) {
        throw new AppError('INVALID_INPUT', 'Chưa cấu hình máy chủ thư điện tử (SMTP). Vào Cài đặt → Thư điện tử để nhập máy chủ, cổng và địa chỉ gửi.');
      }
      const password = await deps.secrets.get(SMTP_PASSWORD_KEY);
      const transport = nodemailer.createTransport({
        host: s.host, port: s.port, secure: s.secure,
        ...(s.user ? { auth: { user: s.user, pass: password ?? '' } } : {}),
        // Agencies' internal relays often use self-issued certificates; the content is signed PDF either way.
        tls: { rejectUnauthorized: false },
        connectionTimeout: 15_000,
      });
      try {
        const info = await transport.sendMail({
          from: s.from,
          to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
          subject: mail.subject,
          text: mail.text,
          attachments: mail.attachments.map((a) => ({ filename: a.filename, content: Buffer.from(a.content), contentType: a.contentType })),
        });
        return { messageId: String(info.messageId) };
      } catch (err) {
        const detail = (err as Error).message.slice(0, 200);
        throw new AppError('SERVER_UNREACHABLE', `Không gửi được thư điện tử tới ${mail.to} (${detail}). Kiểm tra cấu hình SMTP và mạng rồi gửi lại.`);
      } finally {
        transport.close();
      }
    },
  };
}
export type SmtpSender = ReturnType<typeof createSmtpSender>;
