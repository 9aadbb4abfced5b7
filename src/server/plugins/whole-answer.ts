/** Incremental answers (@defer/@stream, subscriptions) are streamed as they come, never read whole. */
export function isIncremental(response: Response): boolean {
  const type = response.headers.get('content-type');
  return type !== null && /^(multipart\/mixed|text\/event-stream)\b/i.test(type);
}

/** The bytes of a whole answer (yoga's ponyfill hands back the Buffer it keeps, without a copy). */
export async function answerBytes(response: Response): Promise<Buffer> {
  const body = await response.arrayBuffer();
  return Buffer.isBuffer(body) ? body : Buffer.from(body);
}

/** Adds a token to Vary unless it is there (yoga's CORS sets `Origin`; both must stay). */
export function addVary(headers: Headers, token: string): void {
  const vary = headers.get('vary');
  if (vary === null || vary === '') headers.set('vary', token);
  else if (
    !vary
      .toLowerCase()
      .split(/\s*,\s*/)
      .includes(token.toLowerCase())
  )
    headers.set('vary', `${vary}, ${token}`);
}

/** A Buffer as a fetch body. Buffers made here sit on plain (never shared) ArrayBuffers, as BodyInit wants. */
export function asBody(bytes: Buffer): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}
