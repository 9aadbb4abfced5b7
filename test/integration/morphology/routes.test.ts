/**
 * The morphology routes over real HTTP, against the replica: what each answers (type, bytes, headers),
 * revalidation, the refusals with their codes, and that the drawing routes share the GraphQL field's cache.
 */
import { brotliDecompressSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 300 });
const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory' });
const upstreamRequests = () => replica.count({ pathPrefix: '/' });
const fileRequests = () => replica.count({ pathPrefix: '/dableFiles' });

/** Generated neuron 17 answers 404 for its files (the replica's `missingFileIds`). */
const MISSING_FILE_ID = 700017;
const UNKNOWN_ID = 999_999_999;

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}${path}`, { headers: { 'accept-encoding': 'identity', ...headers } });

interface ErrorBody {
  errors: Array<{ message: string; extensions: { code: string } & Record<string, unknown> }>;
}

async function expectRefusal(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  const body = (await response.json()) as ErrorBody;
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]?.extensions.code).toBe(code);
  expect(body.errors[0]?.message).not.toMatch(/\n\s+at /);
  return body.errors[0];
}

async function svgField(id: number, args: string): Promise<string> {
  const answer = await gateway.execute<{ neuron: { morphology: { svg: string } } }, never>(
    `{ neuron(id: ${id}) { morphology { svg(${args}) } } }`,
  );
  expect(answer.errors).toBeUndefined();
  return answer.data?.neuron.morphology.svg ?? '';
}

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

describe('GET /neurons/{id}/morphology.svg', () => {
  it('answers the GraphQL svg field, from its cache: no upstream request once the field was asked', async () => {
    const field = await svgField(604, 'projection: XZ, width: 320, height: 240');
    replica.clearLog();
    const response = await get('/neurons/604/morphology.svg?projection=XZ&width=320&height=240');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    const text = await response.text();
    expect(text).toBe(field);
    expect(text).toMatch(/^<svg [^>]*width="320" height="240"/);
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(upstreamRequests()).toBe(0);
  });

  it('carries a strong ETag, caching, CORS, nosniff and a CSP that forbids script', async () => {
    const response = await get('/neurons/604/morphology.svg');
    const { headers } = response;
    expect(headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(headers.get('cache-control')).toBe('public, max-age=3600');
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    // The defaults are those of the GraphQL field.
    expect(await response.text()).toBe(await svgField(604, 'projection: XY, width: 800, height: 600'));
  });

  it('answers 304 with no body to If-None-Match of its ETag, and 200 to another tag', async () => {
    const first = await get('/neurons/604/morphology.svg?width=400');
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    const again = await get('/neurons/604/morphology.svg?width=400', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(await again.text()).toBe('');
    const other = await get('/neurons/604/morphology.svg?width=400', { 'if-none-match': '"other"' });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
    // Another drawing is another resource: the first one's tag does not validate it.
    const wider = await get('/neurons/604/morphology.svg?width=401', { 'if-none-match': etag });
    expect(wider.status).toBe(200);
    await wider.arrayBuffer();
  });

  it('is sent brotli-compressed when accepted, with its own tag per encoding', async () => {
    const plain = await get('/neurons/604/morphology.svg');
    const plainText = await plain.text();
    const response = await fetch(`${gateway.url}/neurons/604/morphology.svg`, {
      headers: { 'accept-encoding': 'br' },
    });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(response.headers.get('etag')).toBe(plain.headers.get('etag')?.replace(/"$/, '-br"'));
    // fetch() decodes br itself; the bytes are the same drawing.
    expect(await response.text()).toBe(plainText);
    const raw = await import('node:http').then(
      (http) =>
        new Promise<Buffer>((resolve, reject) => {
          http
            .get(
              `${gateway.url}/neurons/604/morphology.svg`,
              { headers: { 'accept-encoding': 'br' } },
              (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (chunk: Buffer) => chunks.push(chunk));
                res.on('end', () => resolve(Buffer.concat(chunks)));
              },
            )
            .on('error', reject);
        }),
    );
    expect(raw.length).toBeLessThan(Buffer.byteLength(plainText));
    expect(brotliDecompressSync(raw).toString()).toBe(plainText);
  });

  it('HEAD answers the headers without a body', async () => {
    const response = await fetch(`${gateway.url}/neurons/604/morphology.svg`, {
      method: 'HEAD',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await response.text()).toBe('');
  });
});

describe('GET /neurons/{id}/morphology.png', () => {
  it('is the drawing rasterised at the asked size, cached: the second request costs no upstream request', async () => {
    const response = await get('/neurons/604/morphology.png?projection=YZ&width=300&height=200');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    const image = PNG.sync.read(bytes);
    expect([image.width, image.height]).toEqual([300, 200]);
    // Not one colour: the neurites are drawn on the white ground.
    let coloured = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      if (image.data[i] !== 255 || image.data[i + 1] !== 255 || image.data[i + 2] !== 255) coloured++;
    }
    expect(coloured).toBeGreaterThan(100);

    replica.clearLog();
    const again = await get('/neurons/604/morphology.png?projection=YZ&width=300&height=200', {
      'if-none-match': response.headers.get('etag') ?? '',
    });
    expect(again.status).toBe(304);
    expect(upstreamRequests()).toBe(0);
    const whole = await get('/neurons/604/morphology.png?projection=YZ&width=300&height=200');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe('GET /neurons/{id}/standard.swc', () => {
  it("answers the neuron's standard file byte for byte, as text, with a strong ETag and 304", async () => {
    const urls = await gateway.execute<{ neuron: { urls: { standardSwc: string } } }, never>(
      '{ neuron(id: 604) { urls { standardSwc } } }',
    );
    const original = Buffer.from(await (await fetch(urls.data?.neuron.urls.standardSwc ?? '')).arrayBuffer());
    replica.clearLog();
    const response = await get('/neurons/604/standard.swc');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(original)).toBe(true);
    expect(fileRequests()).toBe(1);
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await get('/neurons/604/standard.swc', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('20 concurrent requests for one file make one file request', async () => {
    // The file is slow to come, so every request arrives while the first read is running.
    replica.faults.add({ route: '/dableFiles', latencyMs: 300 });
    const responses = await Promise.all(Array.from({ length: 20 }, () => get('/neurons/605/standard.swc')));
    const bodies = await Promise.all(responses.map((response) => response.text()));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(fileRequests()).toBe(1);
  });

  it('reads a downloaded neuron from the disk cache, with no file request', async () => {
    const cached = await startGateway(replica.url, { CACHE_DIR: await tempDir() });
    const download = await cached.execute<{ downloadNeuron: { __typename: string } | null }, never>(
      'mutation { downloadNeuron(id: 604) { __typename } }',
    );
    expect(download.errors).toBeUndefined();
    replica.clearLog();
    const response = await fetch(`${cached.url}/neurons/604/standard.swc`);
    expect(response.status).toBe(200);
    expect((await response.text()).length).toBeGreaterThan(1000);
    expect(fileRequests()).toBe(0);
  });
});

describe('refusals', () => {
  it.each([
    ['/neurons/abc/morphology.svg', 'not a neuron id'],
    ['/neurons/0/standard.swc', 'not a neuron id'],
    ['/neurons/604/morphology.svg?width=15', 'width must be an integer from 16 to 4096'],
    ['/neurons/604/morphology.png?height=4097', 'height must be an integer from 16 to 4096'],
    ['/neurons/604/morphology.svg?width=1e3', 'width must be an integer'],
    ['/neurons/604/morphology.svg?projection=xy', 'projection must be XY, XZ or YZ'],
    ['/neurons/604/morphology.svg?width=100&width=200', 'given more than once'],
    ['/neurons/604/morphology.svg?size=100', 'unknown parameter'],
    ['/neurons/604/standard.swc?width=100', 'unknown parameter'],
  ])('%s is 400 BAD_USER_INPUT, before any upstream request', async (path, message) => {
    const error = await expectRefusal(await get(path), 400, 'BAD_USER_INPUT');
    expect(error?.message).toContain(message);
    expect(upstreamRequests()).toBe(0);
  });

  it.each(['morphology.svg', 'morphology.png', 'standard.swc'])(
    'an unknown neuron is 404 NOT_FOUND (%s)',
    async (file) => {
      await expectRefusal(await get(`/neurons/${UNKNOWN_ID}/${file}`), 404, 'NOT_FOUND');
    },
  );

  it.each(['morphology.svg', 'standard.swc'])(
    'a neuron whose file NeuroMorpho answers 404 for is 404 NOT_FOUND (%s)',
    async (file) => {
      await expectRefusal(await get(`/neurons/${MISSING_FILE_ID}/${file}`), 404, 'NOT_FOUND');
    },
  );

  it('an upstream failure is 502 UPSTREAM_ERROR', async () => {
    replica.faults.add({ route: '/dableFiles', status: 500 });
    const error = await expectRefusal(await get('/neurons/606/standard.swc'), 502, 'UPSTREAM_ERROR');
    expect(error?.extensions.status).toBe(500);
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('%s is 405 with Allow: GET, HEAD', async (method) => {
    const response = await fetch(`${gateway.url}/neurons/604/morphology.svg`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    await response.arrayBuffer();
    expect(upstreamRequests()).toBe(0);
  });

  it('other paths under /neurons/ are still 404 not found', async () => {
    const response = await get('/neurons/604/morphology.gif');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not found', see: '/graphql' });
  });
});

describe('limits', async () => {
  it('a file over MORPHOLOGY_MAX_BYTES is 422 MORPHOLOGY_TOO_LARGE, for the drawing and the file', async () => {
    const small = await startGateway(replica.url, { MORPHOLOGY_MAX_BYTES: '1000' });
    for (const file of ['morphology.svg', 'standard.swc']) {
      const response = await fetch(`${small.url}/neurons/604/${file}`);
      const error = await expectRefusal(response, 422, 'MORPHOLOGY_TOO_LARGE');
      expect(error?.extensions.limitBytes).toBe(1000);
    }
  });

  it('the routes go through the rate limit', async () => {
    const limited = await startGateway(replica.url, { RATE_LIMIT_RPS: '1', RATE_LIMIT_BURST: '3' });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${limited.url}/neurons/604/morphology.svg?width=${100 + i}`);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(4);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
  });
});
