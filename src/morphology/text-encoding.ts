/**
 * How the few text parts of an SWC file (header lines, bad tokens quoted in messages) become strings.
 * Numbers are read from the bytes directly; only a file with a byte >= 0x80 is checked for UTF-8 at all.
 */

export type SwcEncoding = 'utf-8' | 'latin1';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** Where the content starts: after a UTF-8 byte order mark, if there is one. */
export function contentStart(bytes: Uint8Array): number {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2] ? 3 : 0;
}

/** The first byte offset holding a byte >= 0x80 in [start, end), or -1. */
export function firstNonAscii(bytes: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) if ((bytes[i] ?? 0) >= 0x80) return i;
  return -1;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function createTextDecoder(
  encoding: SwcEncoding,
): (bytes: Uint8Array, start: number, end: number) => string {
  // TextDecoder's 'latin1' label is windows-1252 per the WHATWG spec; one code unit per byte is the true
  // latin1 and cannot fail on any byte.
  if (encoding === 'latin1') {
    return (bytes, start, end) => {
      let text = '';
      for (let i = start; i < end; i += 4096) {
        text += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 4096)));
      }
      return text;
    };
  }
  const decoder = new TextDecoder('utf-8');
  return (bytes, start, end) => decoder.decode(bytes.subarray(start, end));
}
