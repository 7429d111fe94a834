/**
 * Starts one desktop instance as the user would run it without Electron: a real `src-main/host/main.ts`
 * process with its own data dir, pointed at the agency server. Resolves with the URL the process prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const LINE = /^VanBan Desk \(browser host\): (http:\/\/127\.0\.0\.1:\d+\/\?k=\S+)$/m;

export type DesktopHost = { url: string; name: string; output(): string; stop(): Promise<void> };

function nodeBinary(): string {
  // The node@22 devDependency: better-sqlite3 13 needs Node 22.
  const local = path.join(repoRoot, 'node_modules', '.bin', 'node');
  return existsSync(local) ? local : process.execPath;
}

export async function startDesktopHost(opts: {
  name: string;
  dataDir: string;
  serverUrl: string;
  /** Extra environment for the host (e.g. VANBAN_PKCS11_MODULE and SOFTHSM2_CONF for a test token). */
  env?: Record<string, string>;
}): Promise<DesktopHost> {
  const child: ChildProcess = spawn(nodeBinary(), ['--import', 'tsx', 'src-main/host/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...opts.env, VANBAN_DATA_DIR: opts.dataDir, VANBAN_SERVER_URL: opts.serverUrl, VANBAN_HOST_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${opts.name}: host did not start in 60 s\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = LINE.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${opts.name}: host exited with ${code} before printing its URL\n${output}`));
    });
  });
  return {
    url,
    name: opts.name,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
