/** One request to the replica's site (API or files), from raw path to Reply. Pure apart from generation. */
import { ReplicaRequestError } from '../errors.js';
import { fileReply } from '../files/file-routes.js';
import { type Reply, springError } from '../http/reply.js';
import type { SiteRequest } from '../http/server.js';
import type { ApiContext } from './context.js';
import { dispatch, type Route } from './router.js';

export function handleSiteRequest(routes: readonly Route[], req: SiteRequest, ctx: ApiContext): Reply {
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const segments = decodeSegments(req.path);
  if (segments === undefined)
    return springError(400, 'Invalid percent-encoding in the request path', req.path);
  try {
    if (segments[0] !== 'api') {
      if (method !== 'GET')
        return springError(405, `Request method '${req.method}' not supported`, req.path, {
          Allow: 'GET, HEAD',
        });
      return fileReply(segments, ctx);
    }
    // Spring MVC (before 6) matches a trailing slash: `/api/neuron/select/?q=` is recorded to work.
    if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
    const params = new URLSearchParams(req.search);
    return dispatch(routes, { method, path: req.path, segments, params, body: req.body }, ctx);
  } catch (error) {
    if (error instanceof ReplicaRequestError) return springError(error.status, error.message, req.path);
    const message = error instanceof Error ? error.message : String(error);
    return springError(500, message, req.path);
  }
}

function decodeSegments(path: string): string[] | undefined {
  try {
    return path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}
