/**
 * Path patterns to handlers. A path that matches with another method answers 405 with `Allow`, as Spring
 * does; no match answers the Spring 404 body ("No message available", Spring Boot's default).
 */
import { type Reply, springError } from '../http/reply.js';
import type { ApiContext, ApiRequest, Handler } from './context.js';

export interface Route {
  methods: readonly string[];
  /** Segments; `:name` captures one segment. */
  pattern: readonly string[];
  handler: Handler;
}

export function route(methods: string, path: string, handler: Handler): Route {
  return { methods: methods.split(','), pattern: path.split('/').filter((s) => s !== ''), handler };
}

export function dispatch(routes: readonly Route[], req: ApiRequest, ctx: ApiContext): Reply {
  const allowed = new Set<string>();
  for (const candidate of routes) {
    const params = match(candidate.pattern, req.segments);
    if (params === undefined) continue;
    if (candidate.methods.includes(req.method)) return candidate.handler(req, ctx, params);
    for (const method of candidate.methods) allowed.add(method);
  }
  if (allowed.size > 0) {
    return springError(405, `Request method '${req.method}' not supported`, req.path, {
      Allow: [...allowed].join(', '),
    });
  }
  return springError(404, 'No message available', req.path);
}

function match(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? '';
    const actual = segments[i] ?? '';
    if (expected.startsWith(':')) params[expected.slice(1)] = actual;
    else if (expected !== actual) return undefined;
  }
  return params;
}
