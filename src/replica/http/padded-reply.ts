/** The `padBytes` fault: the same answer followed by spaces, produced lazily so any size costs no memory. */
import type { Reply } from './reply.js';

const CHUNK_BYTES = 64 * 1024;

export function paddedReply(reply: Reply, padBytes: number): Reply {
  const original = reply.body;
  return {
    ...reply,
    body: {
      length: original.length + padBytes,
      *chunks() {
        if (Buffer.isBuffer(original)) yield original;
        else yield* original.chunks();
        // Trailing whitespace keeps a JSON body valid: only its size is wrong.
        const spaces = Buffer.alloc(Math.min(CHUNK_BYTES, padBytes), 0x20);
        for (let left = padBytes; left > 0; left -= spaces.length) {
          yield left >= spaces.length ? spaces : spaces.subarray(0, left);
        }
      },
    },
  };
}
