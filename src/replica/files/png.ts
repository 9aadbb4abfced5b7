/** The thumbnail every `/images/imageFiles/...png` answers: a small valid PNG (synthesized). */
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 32;

/** A 32x32 8-bit grayscale image: a dark neuron-ish cross on white. Built per replica, on demand. */
export function createThumbnailPng(): Buffer {
  const rows: number[] = [];
  for (let y = 0; y < SIZE; y++) {
    rows.push(0); // filter type: none
    for (let x = 0; x < SIZE; x++) {
      const onNeurite =
        Math.abs(x - y) < 2 || Math.abs(x + y - SIZE) < 2 || (x - 16) ** 2 + (y - 16) ** 2 < 12;
      rows.push(onNeurite ? 40 : 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, grayscale, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
