// Starting and stopping the per-test-file PGlite server process. Plain JavaScript because Jest's
// global setup runs outside the TypeScript transform that the test files get.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_SCRIPT = fileURLToPath(new URL('./pglite-server.mjs', import.meta.url));

export function startPgliteServer(from) {
  const child = fork(SERVER_SCRIPT, from ? [from] : [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`PGlite test server exited with ${code}`)));
    child.once('message', (message) => resolve({ url: message.url, child }));
  });
}

export function dumpPgliteServer(child, path) {
  return new Promise((resolve) => {
    child.once('message', () => resolve());
    child.send({ type: 'dump', path });
  });
}

export function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const TEMPLATE_DATABASE = 'fair_recruit_test_template';
export const PGLITE_TEMPLATE_ENV = 'FAIR_RECRUIT_PGLITE_TEMPLATE';

export function withDatabaseName(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
