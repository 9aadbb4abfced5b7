import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { request } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { DownloadNeuronDocument } from '../../generated/graphql.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 20 });
const cacheDir = await tempDir();
const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir });
const file = (path: string, init?: RequestInit) => fetch(`${gateway.url}/files/${path}`, init);
let bytes: Buffer;

beforeAll(async () => {
  await gateway.execute(DownloadNeuronDocument, { id: 604, mode: 'STANDARD' });
  bytes = await readFile(join(cacheDir, '604', 'v_e_moto1.CNG.swc'));
});

describe('GET /files/{neuronId}/{filename}', () => {
  it('serves a cached file with type, length and ETag, to any origin', async () => {
    // identity: a client that takes no compression gets the file's own length.
    const response = await file('604/v_e_moto1.CNG.swc', { headers: { 'accept-encoding': 'identity' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(response.headers.get('etag')).toMatch(/^W\/"/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers Range requests with 206 and the asked bytes', async () => {
    const head = await file('604/v_e_moto1.CNG.swc', { headers: { range: 'bytes=0-99' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-99/${bytes.length}`);
    expect(Buffer.from(await head.arrayBuffer()).equals(bytes.subarray(0, 100))).toBe(true);
    const tail = await file('604/v_e_moto1.CNG.swc', { headers: { range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 10))).toBe(true);
    const open = await file('604/v_e_moto1.CNG.swc', { headers: { range: `bytes=${bytes.length - 5}-` } });
    expect(open.headers.get('content-length')).toBe('5');
  });

  it('answers 416 for a range outside the file', async () => {
    const response = await file('604/v_e_moto1.CNG.swc', { headers: { range: `bytes=${bytes.length}-` } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });

  it('sends a text file compressed when the client takes it, and ranges uncompressed', async () => {
    const raw = await request(`${gateway.url}/files/604/v_e_moto1.CNG.swc`, {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(raw.headers['content-encoding']).toBe('br');
    expect(raw.headers.vary).toBe('Accept-Encoding');
    const compressed = Buffer.from(await raw.body.arrayBuffer());
    expect(compressed.length).toBeLessThan(bytes.length / 2);
    expect(brotliDecompressSync(compressed).equals(bytes)).toBe(true);
    const ranged = await request(`${gateway.url}/files/604/v_e_moto1.CNG.swc`, {
      headers: { 'accept-encoding': 'br, gzip', range: 'bytes=0-99' },
    });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.headers['content-encoding']).toBeUndefined();
    expect(Buffer.from(await ranged.body.arrayBuffer()).equals(bytes.subarray(0, 100))).toBe(true);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const etag = (await file('604/v_e_moto1.CNG.swc')).headers.get('etag') as string;
    expect((await file('604/v_e_moto1.CNG.swc', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('serves HEAD without a body', async () => {
    const response = await file('604/v_e_moto1.CNG.swc', {
      method: 'HEAD',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
  });

  it.each([
    ['traversal', '604/..%2F..%2F..%2Fetc%2Fpasswd'],
    ['encoded traversal of the folder', '..%2F604/metadata.json'],
    ['an absolute path', '604/%2Fetc%2Fpasswd'],
    ['a NUL byte', '604/v_e_moto1.CNG.swc%00'],
    ['a hidden or temporary file', '604/.v_e_moto1.CNG.swc.1-abc.nmg-part'],
    ['a missing file', '604/nothing.swc'],
    ['a non-numeric folder', 'abc/v_e_moto1.CNG.swc'],
  ])('refuses %s with 404', async (_what, path) => {
    expect((await file(path)).status).toBe(404);
  });

  it('never follows a link out of the cache root', async () => {
    const outside = await tempDir();
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await mkdir(join(cacheDir, '7'), { recursive: true });
    await symlink(join(outside, 'secret.txt'), join(cacheDir, '7', 'leak.swc'));
    expect((await file('7/leak.swc')).status).toBe(404);
  });

  it('refuses other methods', async () => {
    expect((await file('604/v_e_moto1.CNG.swc', { method: 'DELETE' })).status).toBe(405);
  });
});
