/**
 * A standardized SWC of exactly `bytes` bytes, produced in ~64 KB chunks with constant memory so
 * 100 MB downloads can be tested. The tree is one long unbranched neurite (valid SWC); a comment line at
 * the end pads the file to the exact size.
 */
import { formatFixed } from '../json.js';
import { createRandom } from '../random.js';

const CHUNK_BYTES = 64 * 1024;
/** Longest possible data row: two 10-digit ids, three coordinates in (-10000, 10000), radius 0.5. */
const MAX_ROW_BYTES = 80;
const STEP = 2;
const WALL = 5000;

export function* largeSwcChunks(bytes: number, header: readonly string[], seed: number): Generator<Buffer> {
  const rng = createRandom(seed);
  const comments = header.map((line) => `# ${line}`.trimEnd()).join('\n');
  const head = Buffer.from(
    `${comments}\n1 1 0.0 0.0 0.0 8.0 -1\n2 1 0.0 -8.0 0.0 8.0 1\n3 1 0.0 8.0 0.0 8.0 1\n`,
  );
  if (bytes <= head.length + 1) {
    yield head.subarray(0, bytes);
    return;
  }
  yield head;
  let chunk = '';
  let remaining = bytes - head.length;
  let id = 4;
  let parent = 1;
  let x = 0;
  let y = 8;
  let z = 0;
  let dx = 0;
  let dy = 1;
  let dz = 0;
  // Rows are ASCII, so string length = byte count. Stop while a whole row still fits with room for
  // the padding line (at least "#\n").
  while (remaining >= MAX_ROW_BYTES + 2) {
    dx += rng.between(-0.3, 0.3);
    dy += rng.between(-0.3, 0.3);
    dz += rng.between(-0.3, 0.3);
    const norm = Math.sqrt(dx * dx + dy * dy + dz * dz) || 1;
    // Reflect at the walls so every coordinate keeps at most four integer digits.
    dx = Math.abs(x + (dx / norm) * STEP) > WALL ? -dx / norm : dx / norm;
    dy = Math.abs(y + (dy / norm) * STEP) > WALL ? -dy / norm : dy / norm;
    dz = Math.abs(z + (dz / norm) * STEP) > WALL ? -dz / norm : dz / norm;
    x += dx * STEP;
    y += dy * STEP;
    z += dz * STEP;
    const row = `${id} 3 ${formatFixed(x, 2)} ${formatFixed(y, 2)} ${formatFixed(z, 2)} 0.5 ${parent}\n`;
    chunk += row;
    remaining -= row.length;
    parent = id;
    id += 1;
    if (chunk.length >= CHUNK_BYTES) {
      yield Buffer.from(chunk, 'latin1');
      chunk = '';
    }
  }
  chunk += `#${' '.repeat(remaining - 2)}\n`;
  yield Buffer.from(chunk, 'latin1');
}
