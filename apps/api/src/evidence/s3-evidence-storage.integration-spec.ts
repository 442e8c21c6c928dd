import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3EvidenceStorage, type S3EvidenceStorageOptions } from './s3-evidence-storage.js';

const ACCESS_KEY_ID = 'FAIRRECRUITTEST';
const SECRET_ACCESS_KEY = 'test-secret-for-the-fake-store';
const REGION = 'eu-test-1';
const BUCKET = 'evidence';

interface StoredObject {
  bytes: Buffer;
  contentType: string | undefined;
}

/**
 * The smallest S3 that the client can talk to: path-style PUT, GET and DELETE of objects in one
 * bucket, each request's AWS Signature V4 checked against the one key pair it knows.
 */
class FakeS3 {
  readonly objects = new Map<string, StoredObject>();
  requests = 0;
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => this.handle(request, Buffer.concat(chunks), response));
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(request: IncomingMessage, body: Buffer, response: ServerResponse): void {
    this.requests++;
    const denial = checkSignature(request, body);
    if (denial) return sendError(response, 403, denial);
    const url = new URL(request.url ?? '/', 'http://fake-s3');
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    if (bucket !== BUCKET) return sendError(response, 404, 'NoSuchBucket');
    switch (request.method ?? '') {
      case 'PUT': {
        const md5 = request.headers['content-md5'];
        if (md5 !== createHash('md5').update(body).digest('base64')) {
          return sendError(response, 400, 'BadDigest');
        }
        this.objects.set(key, { bytes: body, contentType: request.headers['content-type'] });
        response.writeHead(200, { ETag: '"etag"' }).end();
        return;
      }
      case 'GET': {
        const object = this.objects.get(key);
        if (!object) return sendError(response, 404, 'NoSuchKey');
        response
          .writeHead(200, {
            'Content-Type': object.contentType ?? 'application/octet-stream',
            'Content-Length': object.bytes.length,
          })
          .end(object.bytes);
        return;
      }
      case 'DELETE':
        this.objects.delete(key);
        response.writeHead(204).end();
        return;
      default:
        sendError(response, 405, 'MethodNotAllowed');
    }
  }
}

function sendError(response: ServerResponse, status: number, code: string): void {
  response
    .writeHead(status, { 'Content-Type': 'application/xml' })
    .end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
}

const hmac = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest();
const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** AWS Signature V4 as S3 checks it; the error code to answer, or null when the request is signed by our key. */
function checkSignature(request: IncomingMessage, body: Buffer): string | null {
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      request.headers.authorization ?? '',
    );
  if (!match) return 'AccessDenied';
  const [, accessKeyId, day, region, signedHeaders, signature] = match;
  if (accessKeyId !== ACCESS_KEY_ID) return 'InvalidAccessKeyId';

  const payloadHash = String(request.headers['x-amz-content-sha256']);
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256Hex(body)) {
    return 'XAmzContentSHA256Mismatch';
  }
  const [path, query = ''] = (request.url ?? '/').split('?');
  const canonicalQuery = query
    .split('&')
    .filter(Boolean)
    .map((pair) => (pair.includes('=') ? pair : `${pair}=`))
    .sort()
    .join('&');
  const headerNames = signedHeaders.split(';');
  const canonicalHeaders = headerNames
    .map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`)
    .join('');
  const canonicalRequest = [
    request.method,
    path,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    String(request.headers['x-amz-date']),
    scope,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${SECRET_ACCESS_KEY}`, day), region), 's3'),
    'aws4_request',
  );
  const expected = hmac(signingKey, stringToSign).toString('hex');
  return expected === signature ? null : 'SignatureDoesNotMatch';
}

describe(S3EvidenceStorage.name, () => {
  const fake = new FakeS3();
  const storages: S3EvidenceStorage[] = [];
  let options: S3EvidenceStorageOptions;

  const storage = (overrides: Partial<S3EvidenceStorageOptions> = {}) => {
    const created = new S3EvidenceStorage({ ...options, ...overrides });
    storages.push(created);
    return created;
  };

  beforeAll(async () => {
    options = {
      endpoint: await fake.start(),
      region: REGION,
      bucket: BUCKET,
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      forcePathStyle: true,
    };
  });

  afterAll(async () => {
    for (const created of storages) created.onModuleDestroy();
    await fake.stop();
  });

  it('puts, gets and deletes an object in the bucket, with its content type', async () => {
    const s3 = storage();
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);

    await s3.put('5d1c6a8e-0b8f-4e7e-8d3b-1f2a3c4d5e6f', bytes, 'image/png');
    expect(fake.objects.get('5d1c6a8e-0b8f-4e7e-8d3b-1f2a3c4d5e6f')).toEqual({
      bytes,
      contentType: 'image/png',
    });
    expect(await s3.get('5d1c6a8e-0b8f-4e7e-8d3b-1f2a3c4d5e6f')).toEqual(bytes);

    await s3.delete('5d1c6a8e-0b8f-4e7e-8d3b-1f2a3c4d5e6f');
    expect(fake.objects.has('5d1c6a8e-0b8f-4e7e-8d3b-1f2a3c4d5e6f')).toBe(false);
    await expect(s3.get('5d1c6a8e-0b8f-4e7e-8d3b-1f2a3c4d5e6f')).rejects.toMatchObject({
      code: 'evidence_not_found',
    });
  });

  it('answers evidence_not_found for an object never stored', async () => {
    await expect(storage().get('never-stored')).rejects.toMatchObject({
      code: 'evidence_not_found',
      status: 404,
    });
  });

  it('deletes a missing object without complaint', async () => {
    await expect(storage().delete('never-stored')).resolves.toBeUndefined();
  });

  it('fails (and stores nothing) when the store refuses the access key', async () => {
    const s3 = storage({ accessKeyId: 'SOMEONEELSE' });

    await expect(s3.put('refused', Buffer.from('x'), 'text/plain')).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
      $metadata: { httpStatusCode: 403 },
    });
    expect(fake.objects.has('refused')).toBe(false);
  });

  it('fails when the secret does not match the access key', async () => {
    const s3 = storage({ secretAccessKey: 'a-wrong-secret' });

    await expect(s3.put('refused', Buffer.from('x'), 'text/plain')).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(s3.get('refused')).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    expect(fake.objects.has('refused')).toBe(false);
  });

  it('reports a wrong bucket as an error, not as a missing file', async () => {
    const error: unknown = await storage({ bucket: 'no-such-bucket' })
      .get('anything')
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'NoSuchBucket' });
  });

  it('refuses a key that is not a plain name before sending anything', async () => {
    const requestsBefore = fake.requests;

    await expect(
      storage().put('../other-bucket/x', Buffer.from('x'), 'text/plain'),
    ).rejects.toThrow(RangeError);
    expect(fake.requests).toBe(requestsBefore);
  });
});
