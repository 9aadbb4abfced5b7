/**
 * The geometry as the gateway keeps it: the tree's five columns packed into one buffer. The thread that
 * parses writes it into a SharedArrayBuffer, so the result reaches the event loop, the cache and the
 * drawing threads without a copy (an array of a million numbers is cloned number by number on the event
 * loop; even one 20 MB string takes 10-20 ms to copy or decode there), and the memory store charges its
 * byte length. Written as JSON (the Redis store) it is one base64 string. It becomes number arrays only
 * when a query selects `geometry`.
 */
import type { MorphologyTree } from '../morphology/index.js';

/**
 * Layout of the bytes, in this order: positions (float64, x y z per sample), radii (float64), ids, types
 * and parents (int32; parents are indices, -1 for a root), in the byte order of the machine that wrote
 * them (little-endian on every platform the gateway is built for).
 */
export interface BinaryGeometry {
  /** Samples. */
  count: number;
  /** Over shared memory: read-only once written. A DataView has no index keys, so JSON walks skip it. */
  bytes: DataView;
}

/** The same bytes in JSON. */
export interface EncodedGeometry {
  count: number;
  base64: string;
}

export type PackedGeometry = BinaryGeometry | EncodedGeometry;

/** The columns again, as typed arrays. */
export interface GeometryColumns {
  ids: Int32Array;
  types: Int32Array;
  parents: Int32Array;
  positions: Float64Array;
  radii: Float64Array;
}

/** Bytes per sample: 4 float64 (x, y, z, radius) then 3 int32 (id, type, parent). */
const BYTES_PER_SAMPLE = 4 * 8 + 3 * 4;

function columnsOver(buffer: ArrayBufferLike, offset: number, n: number): GeometryColumns {
  // Float64 columns first, so each column starts on a multiple of its element size.
  return {
    positions: new Float64Array(buffer, offset, 3 * n),
    radii: new Float64Array(buffer, offset + 24 * n, n),
    ids: new Int32Array(buffer, offset + 32 * n, n),
    types: new Int32Array(buffer, offset + 36 * n, n),
    parents: new Int32Array(buffer, offset + 40 * n, n),
  };
}

export function packGeometry(tree: MorphologyTree): BinaryGeometry {
  const n = tree.size;
  const buffer = new SharedArrayBuffer(n * BYTES_PER_SAMPLE);
  const columns = columnsOver(buffer, 0, n);
  columns.positions.set(tree.positions.subarray(0, 3 * n));
  columns.radii.set(tree.radii.subarray(0, n));
  columns.ids.set(tree.ids.subarray(0, n));
  columns.types.set(tree.types.subarray(0, n));
  columns.parents.set(tree.parents.subarray(0, n));
  return { count: n, bytes: new DataView(buffer) };
}

/** Packed geometry that writes itself as base64 in JSON, and stays binary everywhere else. */
export class KeptGeometry implements BinaryGeometry {
  constructor(
    readonly count: number,
    readonly bytes: DataView,
  ) {}

  toJSON(): EncodedGeometry {
    const { buffer, byteOffset, byteLength } = this.bytes;
    return { count: this.count, base64: Buffer.from(buffer, byteOffset, byteLength).toString('base64') };
  }
}

export function keepGeometry(geometry: BinaryGeometry): KeptGeometry {
  return new KeptGeometry(geometry.count, geometry.bytes);
}

export function unpackGeometry(packed: PackedGeometry): GeometryColumns {
  const n = packed.count;
  if ('bytes' in packed) {
    checkLength(packed.bytes.byteLength, n);
    return columnsOver(packed.bytes.buffer, packed.bytes.byteOffset, n);
  }
  const decoded = Buffer.from(packed.base64, 'base64');
  checkLength(decoded.length, n);
  // A small Buffer sits at any offset of Node's shared pool: copied to a buffer of its own, aligned.
  const buffer = new ArrayBuffer(decoded.length);
  new Uint8Array(buffer).set(decoded);
  return columnsOver(buffer, 0, n);
}

function checkLength(byteLength: number, n: number): void {
  if (!Number.isInteger(n) || n < 0 || byteLength !== n * BYTES_PER_SAMPLE) {
    throw new Error(`packed geometry of ${byteLength} bytes does not hold ${n} samples`);
  }
}
