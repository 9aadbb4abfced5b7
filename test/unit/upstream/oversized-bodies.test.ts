import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { announcedLength, readBoundedText } from '../../../src/upstream/bounded-body.js';
import { decideRetry, isRetryableOutcome } from '../../../src/upstream/retry-policy.js';

const policy = { attempts: 5, baseMs: 100, capMs: 30_000, jitter: false };

describe('an oversized answer', () => {
  it('is never retried, whatever attempts are left', () => {
    const outcome = { kind: 'too-large', limitBytes: 1024, announcedBytes: 4096 } as const;
    expect(isRetryableOutcome(outcome)).toBe(false);
    expect(decideRetry(policy, 0, outcome, Date.now(), () => 0)).toEqual({ retry: false });
  });
});

describe('readBoundedText', () => {
  it('reads a body within the limit as UTF-8, dropping a byte-order mark', async () => {
    const body = Readable.from([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"Zoë"}')]);
    expect(await readBoundedText(body, 1024)).toEqual({ ok: true, text: '{"name":"Zoë"}' });
  });

  it('stops pulling from an endless body one chunk past the limit', async () => {
    let pulled = 0;
    const chunk = Buffer.alloc(1000, 0x20);
    const endless = Readable.from(
      (function* () {
        for (;;) {
          pulled += chunk.length;
          yield chunk;
        }
      })(),
    );
    const result = await readBoundedText(endless, 10_500);
    expect(result).toEqual({ ok: false, receivedBytes: 11_000 });
    // Only what a stream buffers ahead (its highWaterMark of 16 objects) more was ever produced.
    expect(pulled).toBeLessThanOrEqual(11_000 + 17 * chunk.length);
    expect(endless.destroyed).toBe(true);
  });

  it('accepts exactly the limit', async () => {
    expect(await readBoundedText(Readable.from([Buffer.from('12345')]), 5)).toEqual({
      ok: true,
      text: '12345',
    });
  });
});

describe('announcedLength', () => {
  it('reads plain non-negative integers only', () => {
    expect(announcedLength('1024')).toBe(1024);
    expect(announcedLength(['0'])).toBe(0);
    expect(announcedLength(undefined)).toBeNull();
    expect(announcedLength('-1')).toBeNull();
    expect(announcedLength('1e9')).toBeNull();
    expect(announcedLength('99999999999999999999')).toBeNull();
  });
});
