/**
 * A real SMTP server in a child process (the `smtp-server` package) that stores every message it receives as an .eml
 * file, for tests of e-mail dispatch. Run as a script it listens on a random port and prints `SMTP_PORT <port>`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SmtpCapture = { port: number; dir: string; messages(): string[]; stop(): Promise<void> };

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const dir = mkdtempSync(join(tmpdir(), 'vanban-smtp-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /SMTP_PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`smtp server exited with ${code}`)));
  });
  return {
    port,
    dir,
    messages: () => readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => readFileSync(join(dir, f), 'utf8')),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The decoded bytes of the base64 attachment named `filename` in a raw message. */
export function attachmentBytes(raw: string, filename: string): Buffer | null {
  const parts = raw.split(/\r?\n--[^\r\n]+/);
  for (const part of parts) {
    const [head = '', ...body] = part.split(/\r?\n\r?\n/);
    if (!head.includes(filename) || !/base64/i.test(head)) continue;
    return Buffer.from(body.join('').replace(/\s+/g, ''), 'base64');
  }
  return null;
}

async function main(dir: string): Promise<void> {
  const { SMTPServer } = await import('smtp-server');
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        writeFileSync(join(dir, `${String(++n).padStart(4, '0')}.eml`), Buffer.concat(chunks));
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1', () => {
    const addr = server.server.address();
    process.stdout.write(`SMTP_PORT ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void main(process.argv[2]!);
