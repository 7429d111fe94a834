/**
 * A desktop core in its own process, so a test can SIGKILL it mid-sync like a power cut.
 * Started as `node --import tsx tests/helpers/core-process.ts <dataDir> <serverUrl>` (see core-process-client.ts).
 * Protocol: one JSON object per line. stdout first prints {"ready":true}; each stdin command
 * {id, op, ...} is answered by {id, ok:true, result} or {id, ok:false, error:{code,message}}.
 *   op "call"     {method, params}                        any contract method
 *   op "register" {subject, number, fileName, fileBase64} stage a file and register an incoming document with it
 *   op "sql"      {query, params?}                        read the replica (tests compare it with the server)
 *   op "close"    {}                                      close the core and exit 0
 */
import { createInterface } from 'node:readline';
import { createClient } from '../../src-shared/contract/client';
import { createDirectTransport } from '../../src-shared/contract/direct-transport';
import { registerYearOf } from '../../src-shared/domain/dates';
import { createCore } from '../../src-main/core/index';

type Command = { id: number; op: string; [k: string]: unknown };

const [dataDir, serverUrl] = process.argv.slice(2);
if (!dataDir || !serverUrl) {
  process.stderr.write('usage: core-process.ts <dataDir> <serverUrl>\n');
  process.exit(2);
}

const core = await createCore({
  dataDir,
  serverUrl,
  appVersion: '0.0.0-test',
  host: 'direct',
  syncIntervalMs: 2000,
  log: (level, msg, data) => {
    if (level === 'warn' || level === 'error') process.stderr.write(`${JSON.stringify({ level, msg, data })}\n`);
  },
});
const client = createClient(createDirectTransport(core.handlers, core.ctx, core.events));
const send = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function run(cmd: Command): Promise<unknown> {
  switch (cmd.op) {
    case 'call':
      return (client.call as (m: string, p: unknown) => Promise<unknown>)(cmd.method as string, cmd.params ?? {});
    case 'register': {
      const staged = await client.call('intake.stageFile', { name: cmd.fileName as string, contentBase64: cmd.fileBase64 as string });
      const doc = await client.call('documents.registerIncoming', {
        issuer: 'UBND huyện Kim Sơn', number: cmd.number as string, notation: 'UBND-VP', documentDate: `${registerYearOf()}-02-01`,
        docType: 'CV', subject: cmd.subject as string, urgency: 'normal', secrecy: 'none', dueDate: null,
        files: [{ sha256: staged.sha256, name: staged.name, role: 'main' }], acknowledgeDuplicate: true,
      });
      return { ...doc, sha256: staged.sha256 };
    }
    case 'sql':
      return core.ctx.replica.sqlite.prepare(cmd.query as string).all(...((cmd.params as unknown[]) ?? []));
    case 'close':
      await core.close();
      send({ id: cmd.id, ok: true, result: null });
      process.exit(0);
      break;
    default:
      throw new Error(`unknown op ${cmd.op}`);
  }
  return null;
}

createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  const cmd = JSON.parse(line) as Command;
  run(cmd).then(
    (result) => send({ id: cmd.id, ok: true, result }),
    (err: unknown) => {
      const e = err as { code?: string; message?: string };
      send({ id: cmd.id, ok: false, error: { code: e.code ?? 'INTERNAL', message: e.message ?? String(err) } });
    },
  );
});
send({ ready: true });
