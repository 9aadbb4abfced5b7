// RFC 3986 unreserved characters: the only bytes Python's quote(s, safe='') leaves alone.
const UNRESERVED = /[A-Za-z0-9_.~-]/;
const ALL_UNRESERVED = /^[A-Za-z0-9_.~-]*$/;
const HEX = '0123456789ABCDEF';
const encoder = new TextEncoder();

/**
 * Python's `urllib.parse.quote(s, safe='')`: every UTF-8 byte outside `A-Z a-z 0-9 _ . - ~` becomes
 * `%XX` (upper-case hex), so `/` is `%2F` and a space `%20`. Unlike encodeURIComponent it also encodes
 * `! ' ( ) *`, and it never throws: a lone surrogate is encoded as U+FFFD (Python would raise).
 */
export function percentEncode(s: string): string {
  // Most neuron names and archives need no encoding at all: skip the byte loop (a hot path per neuron).
  if (ALL_UNRESERVED.test(s)) return s;
  let out = '';
  for (const byte of encoder.encode(s)) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(ch) ? ch : `%${HEX[byte >> 4]}${HEX[byte & 0x0f]}`;
  }
  return out;
}
