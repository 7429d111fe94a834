/**
 * A REAL PostgreSQL server for tests: initdb into a temp dir owned by the `postgres` user (PostgreSQL refuses to
 * run as root), random free port, unix socket in the temp dir, durability off for speed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type TestPostgres = {
  /** URL of the database created for this server. */
  url: string;
  port: number;
  /** Creates another empty database on the same server and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
};

function findBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(path.join(base, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const v = versions.includes('15') ? '15' : versions[0];
  if (!v) {
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. Install them with: bash scripts/ensure-system-deps.sh',
    );
  }
  return path.join(base, v, 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function asPostgres(bin: string, args: string[]): string {
  return execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function startPostgres(dbName = 'vanban_test'): Promise<TestPostgres> {
  const bin = findBinDir();
  const root = await mkdtemp(path.join(os.tmpdir(), 'vanban-pg-'));
  execFileSync('chown', ['postgres:postgres', root]);
  const data = path.join(root, 'data');
  asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8']);
  const port = await freePort();
  const opts = [
    `-p ${port}`,
    `-k ${root}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=100',
  ].join(' ');
  asPostgres(path.join(bin, 'pg_ctl'), ['start', '-w', '-t', '60', '-D', data, '-l', path.join(root, 'postgres.log'), '-o', opts]);
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;

  async function createDatabase(name: string): Promise<string> {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    } finally {
      await client.end();
    }
    return `postgres://postgres@127.0.0.1:${port}/${name}`;
  }

  const url = await createDatabase(dbName);
  let stopped = false;
  return {
    url,
    port,
    createDatabase,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres(path.join(bin, 'pg_ctl'), ['stop', '-w', '-m', 'immediate', '-D', data]);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    },
  };
}
