import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, 'extension');
const FIXTURES = join(ROOT, 'test/fixtures/job-sites');

export type Target = 'chrome-mv3' | 'firefox-mv3';

/**
 * Builds the extension for a target into `extension/build/<target>-<tag>`, with the registry it
 * will follow by default. A tag of its own, so a developer's `-prod` build is left alone.
 */
export async function buildExtension(
  target: Target,
  tag: string,
  env: Record<string, string> = {},
): Promise<string> {
  await promisify(execFile)(
    join(ROOT, 'node_modules/.bin/plasmo'),
    ['build', `--target=${target}`, `--tag=${tag}`],
    { cwd: EXTENSION_DIR, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
  );
  return join(EXTENSION_DIR, 'build', `${target}-${tag}`);
}

export type SnapshotMode =
  | { kind: 'pass' }
  | { kind: 'replace'; envelope: unknown }
  | { kind: 'fail'; status: number; body: string };

/**
 * One origin on 127.0.0.1 for the browser: the fixture pages under `/job-sites/`, and the API
 * under `/api/`, passed through to the real server, except that the snapshot can be swapped for a
 * tampered or expired one.
 */
export class FixtureServer {
  snapshot: SnapshotMode = { kind: 'pass' };
  private server: Server | undefined;
  baseUrl = '';

  constructor(private readonly apiBaseUrl: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    try {
      if (url.pathname.startsWith('/job-sites/')) {
        const file = normalize(url.pathname.slice('/job-sites/'.length));
        if (file.startsWith('..')) throw new Error('outside fixtures');
        const html = await readFile(join(FIXTURES, file));
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
        return;
      }
      if (url.pathname === '/api/v1/snapshot' && this.snapshot.kind !== 'pass') {
        if (this.snapshot.kind === 'fail') {
          res.writeHead(this.snapshot.status).end(this.snapshot.body);
        } else {
          res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify(this.snapshot.envelope));
        }
        return;
      }
      await this.forward(req, res, url);
    } catch {
      if (!res.headersSent) res.writeHead(404).end();
    }
  }

  private async forward(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'accept-encoding'].includes(name)) {
        headers[name] = value;
      }
    }
    const answer = await fetch(`${this.apiBaseUrl}${url.pathname}${url.search}`, {
      method: req.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    });
    const body = Buffer.from(await answer.arrayBuffer());
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding'].includes(name)) {
        out[name] = value;
      }
    });
    res.writeHead(answer.status, out).end(body);
  }
}
