import type { IncomingMessage } from 'node:http';
import { parseHostPattern } from './host-trust.js';

/**
 * The value the nearest proxy set: the last of repeated headers and of comma-separated entries. A
 * client can put anything in front of it; only what the proxy itself appended or wrote is trusted.
 */
function lastHop(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value.at(-1) : value)?.split(',').at(-1)?.trim() || undefined;
}

/**
 * The host (`name[:port]`) the client addressed: the Host header, or behind a trusted proxy
 * (TRUST_PROXY) the X-Forwarded-Host the proxy set. Null when it is missing or malformed.
 */
export function publicHost(request: IncomingMessage, trustProxy: boolean): string | null {
  const host =
    (trustProxy ? lastHop(request.headers['x-forwarded-host']) : undefined) ?? request.headers.host;
  if (host === undefined || parseHostPattern(host) === null || !URL.canParse(`http://${host}`)) return null;
  return host.toLowerCase();
}

/** The origin for links to this gateway (cached files) and for the request yoga sees. */
export function publicOrigin(request: IncomingMessage, host: string, trustProxy: boolean): string {
  const proto = trustProxy ? lastHop(request.headers['x-forwarded-proto']) : undefined;
  return new URL(`${proto === 'https' ? 'https' : 'http'}://${host}`).origin;
}
