import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBoundedBytes } from '../../../src/upstream/bounded-body.js';

/** A body of `sizes` chunks whose bytes count up from 0 (mod 256), so any misplaced chunk shows. */
function body(sizes: number[]): { stream: Readable; bytes: Uint8Array } {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const bytes = Uint8Array.from({ length: total }, (_, i) => i % 256);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    chunks.push(Buffer.from(bytes.subarray(at, at + size)));
    at += size;
  }
  return { stream: Readable.from(chunks), bytes };
}

async function read(sizes: number[], maxBytes: number, announced: number | null) {
  const { stream, bytes } = body(sizes);
  return { read: await readBoundedBytes(stream, maxBytes, announced), bytes };
}

/** The standard file's bytes are handed to a worker thread: a buffer of their own, exactly as long. */
function expectOwnBuffer(bytes: Uint8Array, expected: Uint8Array) {
  expect(bytes).toEqual(expected);
  expect(bytes.byteOffset).toBe(0);
  expect(bytes.buffer.byteLength).toBe(expected.byteLength);
}

describe('readBoundedBytes with an announced length (a morphology file)', () => {
  it('places every chunk of a body as long as announced', async () => {
    const { read: got, bytes } = await read([1000, 7, 4096, 3], 10_000, 5106);
    expect(got.ok).toBe(true);
    if (got.ok) expectOwnBuffer(got.bytes, bytes);
  });

  it('answers what came of a body shorter than announced, in a buffer of that length', async () => {
    const { read: got, bytes } = await read([100, 50], 10_000, 500);
    expect(got.ok).toBe(true);
    if (got.ok) expectOwnBuffer(got.bytes, bytes);
  });

  it('keeps the bytes past the announced length, within the limit', async () => {
    const { read: got, bytes } = await read([100, 100, 100], 10_000, 150);
    expect(got.ok).toBe(true);
    if (got.ok) expectOwnBuffer(got.bytes, bytes);
  });

  it('stops at the limit whatever was announced', async () => {
    const { read: got } = await read([600, 600], 1000, 500);
    expect(got).toEqual({ ok: false, receivedBytes: 1200 });
  });

  it('reads an announced length over the limit as an unannounced body', async () => {
    const { read: got, bytes } = await read([300, 300], 1000, 5000);
    expect(got.ok).toBe(true);
    if (got.ok) expectOwnBuffer(got.bytes, bytes);
  });
});
