import { parseHostPattern } from './host-trust.js';

/**
 * The value the nearest proxy set: the last of comma-separated entries (repeated headers arrive joined
 * with commas). A client can put anything in front of it; only what the proxy itself appended or wrote
 * is trusted.
 */
export function lastHop(value: string | null): string | undefined {
  return value?.split(',').at(-1)?.trim() || undefined;
}

/**
 * The host (`name[:port]`) the client addressed: the Host header, or behind a trusted proxy
 * (TRUST_PROXY) the X-Forwarded-Host the proxy set. Null when it is missing or malformed.
 */
export function publicHost(headers: Headers, trustProxy: boolean): string | null {
  const host = (trustProxy ? lastHop(headers.get('x-forwarded-host')) : undefined) ?? headers.get('host');
  if (host === null || parseHostPattern(host) === null || !URL.canParse(`http://${host}`)) return null;
  return host.toLowerCase();
}

/** The origin for links to this gateway (cached files) and for the request yoga sees. */
export function publicOrigin(headers: Headers, host: string, trustProxy: boolean): string {
  const proto = trustProxy ? lastHop(headers.get('x-forwarded-proto')) : undefined;
  return new URL(`${proto === 'https' ? 'https' : 'http'}://${host}`).origin;
}
