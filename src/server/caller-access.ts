import { type WriteAccessPolicy, writeRefusal } from './write-access.js';

/** What the caller of one request may see, judged once per request. */
export interface CallerAccess {
  /** Whether it may change the cache (see write-access.ts). */
  mayWrite: boolean;
  /** Whether it sees absolute paths on the gateway machine (EXPOSE_PATHS). */
  showPaths: boolean;
  /** The gateway's origin as the caller reached it (links to cached files are built from it). */
  origin: string;
}

/**
 * The caller's access for a request, computed on first use and remembered for that request: both the
 * response cache (its audience) and the context (paths, links) ask for it, and judging write access
 * parses the URL and checks host and origin each time.
 */
export function createCallerAccess(
  writeAccess: WriteAccessPolicy,
  exposePaths: 'writers' | 'all' | 'none',
): (request: Request) => CallerAccess {
  const judged = new WeakMap<Request, CallerAccess>();
  return (request) => {
    let access = judged.get(request);
    if (access === undefined) {
      const url = new URL(request.url);
      const mayWrite = writeRefusal(writeAccess, request, url) === null;
      access = {
        mayWrite,
        showPaths: exposePaths === 'all' || (exposePaths === 'writers' && mayWrite),
        origin: url.origin,
      };
      judged.set(request, access);
    }
    return access;
  };
}
