import { isIP } from 'node:net';

export interface HostTrustOptions {
  /** The HOST setting: the address the gateway listens on. */
  listenHost: string;
  /** Whether that address is a loopback one (only this machine can connect). */
  listensOnLoopback: boolean;
  /** ALLOWED_HOSTS: names browsers may use for this gateway, `name` or `name:port`, `.domain` for subdomains. */
  allowedHosts: readonly string[];
  /** The port the gateway really listens on (known only once it listens, when PORT is 0). */
  port(): number;
}

export interface HostTrust {
  /**
   * True for a `Host` (or proxy-set `X-Forwarded-Host`) value that no web page can make a browser send
   * to this gateway by re-pointing a DNS name at it: IP literals, `localhost` and its subdomains (browsers
   * resolve those themselves), and the names in ALLOWED_HOSTS.
   */
  isTrustedHost(host: string): boolean;
  /**
   * True for the origin of a page this gateway serves itself (GraphiQL). Built from the configuration
   * and the listening port only, never from request headers: loopback names on the gateway's own port,
   * the listening address when it is a specific one, and the ALLOWED_HOSTS names.
   */
  isOwnOrigin(origin: string): boolean;
  /** Whether every request must carry a trusted host: on loopback (DNS rebinding) or with ALLOWED_HOSTS set. */
  readonly guardsEveryRequest: boolean;
}

interface HostPattern {
  /** Lower-cased host name, without brackets for IPv6; a leading dot matches the name and its subdomains. */
  name: string;
  /** Null when any port is meant. */
  port: number | null;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];
const WILDCARD_ADDRESSES = ['0.0.0.0', '::', '[::]'];
const MAX_REMEMBERED_HOSTS = 256;
const MAX_REMEMBERED_HOST_LENGTH = 260;

/** Splits `name`, `name:port`, `[v6]` or `[v6]:port` (as in a Host header); null when malformed. */
export function parseHostPattern(value: string): HostPattern | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!match) return null;
  const port = match[2] === undefined ? null : Number(match[2]);
  if (port !== null && port > 65_535) return null;
  return { name: (match[1] as string).replace(/^\[|\]$/g, '').toLowerCase(), port };
}

function nameMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('.')) return name === pattern.slice(1) || name.endsWith(pattern);
  return name === pattern;
}

/** Parses an origin (`scheme://host[:port]`) into name and effective port; null unless http(s). */
function parseOrigin(origin: string): { name: string; port: number } | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // Exactly an origin, as browsers send it: no path, no user info, no explicit default port.
    if (url.origin !== origin.toLowerCase()) return null;
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    return { name: url.hostname.replace(/^\[|\]$/g, ''), port };
  } catch {
    return null;
  }
}

export function createHostTrust(options: HostTrustOptions): HostTrust {
  const allowed = options.allowedHosts.map((entry) => parseHostPattern(entry)).filter((p) => p !== null);
  const listenName = options.listenHost.replace(/^\[|\]$/g, '').toLowerCase();
  const { listensOnLoopback } = options;
  // A specific non-loopback address (HOST=192.168.1.10) cannot be re-pointed by DNS: pages under it are ours.
  const specificAddress =
    !listensOnLoopback && !WILDCARD_ADDRESSES.includes(listenName) && isIP(listenName) !== 0
      ? listenName
      : null;

  const judgeHost = (host: string): boolean => {
    const parsed = parseHostPattern(host);
    if (parsed === null) return false;
    if (isIP(parsed.name) !== 0) return true;
    if (parsed.name === 'localhost' || parsed.name.endsWith('.localhost')) return true;
    return allowed.some(
      (pattern) =>
        nameMatches(pattern.name, parsed.name) && (pattern.port === null || pattern.port === parsed.port),
    );
  };

  // Asked for every request (the host guard, write access) with the few hosts a gateway is reached by:
  // the verdicts are remembered, in a map bounded in entries and key length so no client can grow it.
  const hostVerdicts = new Map<string, boolean>();
  const isTrustedHost = (host: string): boolean => {
    const known = hostVerdicts.get(host);
    if (known !== undefined) return known;
    const verdict = judgeHost(host);
    if (host.length <= MAX_REMEMBERED_HOST_LENGTH) {
      if (hostVerdicts.size >= MAX_REMEMBERED_HOSTS) hostVerdicts.clear();
      hostVerdicts.set(host, verdict);
    }
    return verdict;
  };

  const isOwnOrigin = (origin: string): boolean => {
    const parsed = parseOrigin(origin);
    if (parsed === null) return false;
    const ownPort = options.port();
    if (LOOPBACK_NAMES.includes(parsed.name) || parsed.name === specificAddress)
      return parsed.port === ownPort;
    // An allowed name reached directly (its own port) or through a proxy on the default ports.
    return allowed.some(
      (pattern) =>
        nameMatches(pattern.name, parsed.name) &&
        (pattern.port === null ? [ownPort, 80, 443].includes(parsed.port) : pattern.port === parsed.port),
    );
  };

  return { isTrustedHost, isOwnOrigin, guardsEveryRequest: listensOnLoopback || allowed.length > 0 };
}
