import { describe, expect, it } from 'vitest';
import { percentEncode } from '../../../src/neuromorpho/percent-encode.js';

describe('percentEncode (Python quote(s, safe=""))', () => {
  it('leaves unreserved characters alone', () => {
    expect(percentEncode('AZaz09_.-~')).toBe('AZaz09_.-~');
    expect(percentEncode('cnic_001')).toBe('cnic_001');
  });

  it('encodes slash and space', () => {
    expect(percentEncode('CNG version')).toBe('CNG%20version');
    expect(percentEncode('a/b')).toBe('a%2Fb');
  });

  it("encodes !'()* where encodeURIComponent does not", () => {
    const s = "!'()*";
    expect(encodeURIComponent(s)).toBe(s);
    expect(percentEncode(s)).toBe('%21%27%28%29%2A');
  });

  it('encodes every other reserved character with upper-case hex', () => {
    expect(percentEncode(':?#[]@$&+,;=%')).toBe('%3A%3F%23%5B%5D%40%24%26%2B%2C%3B%3D%25');
  });

  it('encodes UTF-8 bytes', () => {
    expect(percentEncode('é')).toBe('%C3%A9');
    expect(percentEncode('µm')).toBe('%C2%B5m');
    expect(percentEncode('🧠')).toBe('%F0%9F%A7%A0');
  });

  it('encodes control characters and NUL', () => {
    expect(percentEncode('a\u0000b\n')).toBe('a%00b%0A');
  });

  it("agrees with encodeURIComponent apart from !'()*", () => {
    const s = 'Type A/10 (mouse) ✓ 100%';
    const fromBuiltin = encodeURIComponent(s).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
    expect(percentEncode(s)).toBe(fromBuiltin);
  });

  it('does not throw on a lone surrogate (encodes U+FFFD)', () => {
    expect(percentEncode('a\uD800')).toBe('a%EF%BF%BD');
  });
});
