import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { TEMP_SUFFIX } from '../../../../src/neuromorpho/reserved-names.js';
import { useCachedFiles } from '../../../../src/server/plugins/use-cached-files.js';
import { tempDir } from '../../../support/temp-dir.js';
import { servePlugins } from './plugin-server.js';

const root = await tempDir();
const outside = await tempDir();
const SWC = Buffer.from(Array.from({ length: 200 }, (_, i) => `${i} 3 0.5 1.5 2.5 0.25 ${i - 1}\n`).join(''));
const PNG = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
await mkdir(join(root, '7', 'sub'), { recursive: true });
await writeFile(join(root, '7', 'cell.CNG.swc'), SWC);
await writeFile(join(root, '7', 'cell.png'), PNG);
await writeFile(join(root, '7', '.hidden.swc'), SWC);
await writeFile(join(root, '7', `.cell.CNG.swc.1-abc${TEMP_SUFFIX}`), SWC);
await writeFile(join(outside, 'secret.txt'), 'secret');
await symlink(join(outside, 'secret.txt'), join(root, '7', 'leak.swc'));
await symlink(join(root, '7'), join(root, '8'));
execFileSync('mkfifo', [join(root, '7', 'pipe.swc')]);
const { url, seen } = await servePlugins([useCachedFiles(root)]);

const get = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
  const answer = await request(`${url}/files/${path}`, { method: method as 'GET', headers });
  return {
    status: answer.statusCode,
    headers: answer.headers,
    bytes: Buffer.from(await answer.body.arrayBuffer()),
  };
};

describe('useCachedFiles: what is served', () => {
  it('a cached file, with its type, length, validators, to any origin, never sniffed', async () => {
    const answer = await get('7/cell.png');
    expect(answer.status).toBe(200);
    expect(answer.bytes.equals(PNG)).toBe(true);
    expect(answer.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(PNG.length),
      'accept-ranges': 'bytes',
      'cache-control': 'no-cache',
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    });
    expect(answer.headers.etag).toMatch(/^W\/"3e8-[0-9a-f]+"$/);
    expect(answer.headers['last-modified']).toEqual(expect.any(String));
  });

  it.each([
    ['bytes=0-99', 206, [0, 99]],
    ['bytes=10-', 206, [10, 999]],
    ['bytes=-10', 206, [990, 999]],
    ['bytes=900-5000', 206, [900, 999]],
    ['bytes=-5000', 206, [0, 999]],
    ['bytes=1000-', 416, null],
    ['bytes=50-10', 416, null],
    ['bytes=-0', 416, null],
    // RFC 9110 14.2: a range unit the server does not know (MUST be ignored), a malformed range and
    // several ranges are answered whole.
    ['items=0-1', 200, [0, 999]],
    ['bytes=-', 200, [0, 999]],
    ['bytes=0-1,5-6', 200, [0, 999]],
  ])('Range %s on 1000 bytes -> %i %j', async (range, status, bytes) => {
    const answer = await get('7/cell.png', { range });
    expect(answer.status).toBe(status);
    if (bytes === null) {
      expect(answer.headers['content-range']).toBe('bytes */1000');
      return;
    }
    const [start, end] = bytes as [number, number];
    expect(answer.bytes.equals(PNG.subarray(start, end + 1))).toBe(true);
    if (status === 206) expect(answer.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
  });

  it('a text file compressed when the client takes it and no Range is asked; a range of it uncompressed', async () => {
    const compressed = await get('7/cell.CNG.swc', { 'accept-encoding': 'gzip, br' });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers.vary).toBe('Accept-Encoding');
    expect(compressed.headers['content-type']).toBe('text/plain');
    expect(brotliDecompressSync(compressed.bytes).equals(SWC)).toBe(true);
    const ranged = await get('7/cell.CNG.swc', { 'accept-encoding': 'gzip, br', range: 'bytes=0-9' });
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-encoding']).toBeUndefined();
    expect(ranged.bytes.equals(SWC.subarray(0, 10))).toBe(true);
  });

  it('304 to a current copy, compressed or not, even with the no-cache fetch() adds to conditional requests', async () => {
    for (const [path, encoding] of [
      ['7/cell.png', 'identity'],
      ['7/cell.CNG.swc', 'br'],
    ] as const) {
      const { etag } = (await get(path, { 'accept-encoding': encoding })).headers;
      const variants: Array<Record<string, string>> = [
        {},
        { 'cache-control': 'no-cache', pragma: 'no-cache' },
      ];
      for (const extra of variants) {
        const again = await get(path, {
          'accept-encoding': encoding,
          'if-none-match': String(etag),
          ...extra,
        });
        expect(again.status, `${path} ${JSON.stringify(extra)}`).toBe(304);
        expect(again.bytes.length).toBe(0);
      }
      expect((await get(path, { 'accept-encoding': encoding, 'if-none-match': 'W/"other"' })).status).toBe(
        200,
      );
    }
  });

  it('HEAD: the headers without the body', async () => {
    const answer = await get('7/cell.png', {}, 'HEAD');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-length']).toBe(String(PNG.length));
    expect(answer.bytes.length).toBe(0);
  });
});

describe('useCachedFiles: what is refused', () => {
  it.each([
    ['a link to a file outside the root', '7/leak.swc'],
    ['a file through a linked neuron folder', '8/cell.png'],
    ['a named pipe (answered at once, not waited on)', '7/pipe.swc'],
    ['a hidden file', '7/.hidden.swc'],
    ['a temporary file', `7/.cell.CNG.swc.1-abc${TEMP_SUFFIX}`],
    ['a folder', '7/sub'],
    ['an encoded traversal', '7/..%2F..%2Fetc%2Fpasswd'],
    ['a malformed escape', '7/%E0%A4%A'],
    ['a NUL byte', '7/cell.png%00'],
    ['a missing file', '7/nothing.swc'],
    ['a non-numeric folder', 'abc/cell.png'],
  ])('%s: 404', async (_what, path) => {
    const answer = await get(path);
    expect(answer.status).toBe(404);
    expect(answer.bytes.toString()).not.toContain('secret');
  });

  it('other methods with 405 and Allow; every file with 404 when the disk cache is off', async () => {
    const answer = await get('7/cell.png', {}, 'DELETE');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
    const off = await servePlugins([useCachedFiles(null)]);
    expect((await fetch(`${off.url}/files/7/cell.png`)).status).toBe(404);
  });

  it('leaves every other path to what comes after it', async () => {
    await (await fetch(`${url}/graphql`)).text();
    expect(seen.map((entry) => new URL(entry.url).pathname)).toEqual(['/graphql']);
  });
});
