/**
 * Runs the bundled core process (dist/main/shell/core-process.mjs) in plain Node, with `process.parentPort`
 * emulated over Node's child-process IPC: the same message flow Electron's utilityProcess gives it, minus
 * Electron. Lets the core-process bundle be tested where the Electron runtime is not installed.
 */
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
if (!bundle || !process.send) {
  console.error('usage: fork(parent-port-harness.mjs, [bundle]) with an IPC channel');
  process.exit(2);
}
process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data, ports: [] }));
    return this;
  },
  postMessage(message) {
    process.send(message);
  },
};
await import(pathToFileURL(bundle).href);
