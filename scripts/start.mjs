#!/usr/bin/env node
/**
 * `npm start`: VanBan Desk for a newcomer, with nothing to configure.
 *  1. builds what is missing or stale (dist/renderer; dist/main when the Electron runtime exists),
 *  2. starts the agency server beside the app (demo data on first run; free port from 8787),
 *     unless VANBAN_EMBEDDED_SERVER=0 (then VANBAN_SERVER_URL or the login screen's "Máy chủ" field decides),
 *  3. starts the Electron app when its runtime is installed, otherwise the browser host, and prints the URL
 *     and the demo logins. Ctrl-C stops everything.
 * Data lives in the per-user app-data root (VANBAN_HOME overrides it): <root>/server and <root>/desktop.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronRuntime } from './electron-runtime.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_LINE = /VanBan server listening on (http:\/\/\S+)/;
const HOST_LINE = /VanBan Desk \(browser host\): (http:\/\/\S+)/;

export const DEMO_LOGINS = [
  ['vanthu', 'Văn thư'],
  ['giamdoc', 'Giám đốc (lãnh đạo)'],
  ['phogiamdoc', 'Phó Giám đốc (lãnh đạo)'],
  ['truongphong', 'Trưởng phòng'],
  ['chuyenvien', 'Chuyên viên'],
  ['quantri', 'Quản trị hệ thống'],
];
export const DEMO_PASSWORD = 'VanBan@2026';

/** Same per-user root as the server, the browser host and the Electron shell use by default. */
export function appDataRoot(env = process.env, platform = process.platform, home = os.homedir()) {
  if (env.VANBAN_HOME) return path.resolve(env.VANBAN_HOME);
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'VanBan Desk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'VanBan Desk');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'vanban-desk');
}

function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function isStale(output, sources) {
  if (!existsSync(output)) return true;
  return Math.max(...sources.map((s) => newestMtime(path.join(ROOT, s)))) > statSync(output).mtimeMs;
}

function run(bin, args) {
  execFileSync(path.join(ROOT, 'node_modules', '.bin', bin), args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
}

function freePort(start) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
  return (async () => {
    for (let port = start; port < start + 100; port++) if (await tryPort(port)) return port;
    throw new Error(`no free port between ${start} and ${start + 99}`);
  })();
}

/** Spawns a child, logs its output to a file, resolves with the first match of `line` on its output. */
function startChild({ name, command, args, env, line, logFile }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log.write(chunk);
      if (output.length < 1_000_000) output += chunk.toString();
      const m = line?.exec(output);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${signal ?? code}) before it was ready. Log: ${logFile}\n${output.slice(-3000)}`)));
    if (!line) resolve(null);
  });
  return { name, child, ready, tail: () => output.slice(-3000) };
}

async function main() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 22) {
    console.error(`VanBan Desk cần Node 22 (đang chạy ${process.version}). Hãy chạy bằng "npm start" sau "npm ci".`);
    process.exit(1);
  }
  const home = appDataRoot();
  const serverData = path.join(home, 'server');
  const desktopData = path.join(home, 'desktop');
  const logs = path.join(home, 'logs');
  for (const d of [serverData, desktopData, logs]) mkdirSync(d, { recursive: true });

  const electron = findElectronRuntime(ROOT);
  if (isStale(path.join(ROOT, 'dist', 'renderer', 'index.html'), ['src-renderer', 'src-shared'])) {
    console.log('[start] building the user interface (dist/renderer)…');
    run('vite', ['build', '--config', 'src-renderer/vite.config.ts', '--logLevel', 'warn']);
  }
  if (electron.available && isStale(path.join(ROOT, 'dist', 'main', 'shell', 'main.cjs'), ['src-main', 'src-shared'])) {
    console.log('[start] building the Electron app (dist/main)…');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-main.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }

  const children = [];
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    // The app first (it may still push its outbox), then the server.
    for (const c of [...children].reverse()) {
      if (c.child.exitCode !== null || c.child.signalCode !== null) continue;
      const exited = new Promise((r) => c.child.once('exit', r));
      c.child.kill('SIGTERM');
      const killer = setTimeout(() => c.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const node = process.execPath;
  let serverUrl = process.env.VANBAN_SERVER_URL ?? '';
  const embedded = process.env.VANBAN_EMBEDDED_SERVER !== '0';
  try {
    if (embedded) {
      const port = await freePort(Number(process.env.PORT) || 8787);
      console.log(`[start] starting the agency server (data: ${serverData})…`);
      const server = startChild({
        name: 'server',
        command: node,
        args: ['--import', 'tsx', 'src-server/main.ts'],
        env: { PORT: String(port), HOST: '127.0.0.1', VANBAN_SERVER_DATA: serverData, VANBAN_SEED: 'demo', DATABASE_URL: process.env.DATABASE_URL ?? '' },
        line: SERVER_LINE,
        logFile: path.join(logs, 'server.log'),
      });
      children.push(server);
      serverUrl = await server.ready;
    }

    const appEnv = { VANBAN_HOME: home, VANBAN_DATA_DIR: desktopData, ...(serverUrl ? { VANBAN_SERVER_URL: serverUrl } : {}) };
    let app;
    if (electron.available) {
      app = startChild({
        name: 'Electron app',
        command: electron.executablePath,
        args: [ROOT],
        env: { ...appEnv, VANBAN_EMBEDDED_SERVER: embedded ? '1' : '0' },
        line: null,
        logFile: path.join(logs, 'desktop.log'),
      });
      children.push(app);
    } else {
      const hostPort = await freePort(Number(process.env.VANBAN_HOST_PORT) || 5180);
      app = startChild({
        name: 'browser host',
        command: node,
        args: ['--import', 'tsx', 'src-main/host/main.ts'],
        env: { ...appEnv, VANBAN_HOST_PORT: String(hostPort) },
        line: HOST_LINE,
        logFile: path.join(logs, 'desktop.log'),
      });
      children.push(app);
    }
    const appUrl = await app.ready;

    console.log('');
    console.log('  VanBan Desk đã chạy.');
    if (appUrl) {
      console.log(`  Mở trình duyệt (Chromium/Chrome/Edge) tại:  ${appUrl}`);
      console.log(`  (${electron.available ? '' : 'Không có Electron runtime trên máy này nên dùng trình duyệt. '}Đường dẫn có mã truy cập riêng, đừng chia sẻ.)`);
    } else {
      console.log('  Cửa sổ ứng dụng VanBan Desk đang mở.');
    }
    console.log(
      `  Máy chủ cơ quan:  ${serverUrl || 'theo ô "Máy chủ" trên màn hình đăng nhập (mặc định http://127.0.0.1:8787)'}`,
    );
    console.log(`  Dữ liệu:          ${home}`);
    if (embedded) {
      console.log('');
      console.log(`  Tài khoản dùng thử (mật khẩu ${DEMO_PASSWORD}):`);
      for (const [user, role] of DEMO_LOGINS) console.log(`    ${user.padEnd(12)} ${role}`);
    }
    console.log('');
    console.log('  Nhấn Ctrl-C để dừng.');

    // If any part stops by itself (window closed, crash), stop the rest too.
    for (const c of children) {
      c.child.once('exit', (code, signal) => {
        if (stopping) return;
        if (code !== 0) console.error(`[start] ${c.name} stopped (${signal ?? code}). Log: ${path.join(logs, c.name === 'server' ? 'server.log' : 'desktop.log')}\n${c.tail()}`);
        void stopAll(code === 0 ? 0 : 1);
      });
    }
  } catch (err) {
    console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
    await stopAll(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main();
}
