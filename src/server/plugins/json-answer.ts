import type { FetchAPI } from '@whatwg-node/server';

/** A JSON answer with this status (refusals, probes). */
export function jsonAnswer(
  fetchAPI: FetchAPI,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new fetchAPI.Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/**
 * A request refused before execution, shaped as a GraphQL answer with a stable code, as every refusal
 * is (the GraphQL-over-HTTP spec lets such an answer carry its own status).
 */
export function refusal(
  fetchAPI: FetchAPI,
  status: number,
  message: string,
  code: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return jsonAnswer(
    fetchAPI,
    status,
    { errors: [{ message, extensions: { code, ...extensions } }] },
    headers,
  );
}

/** Plain text, for the routes that serve files (404, 405). */
export function textAnswer(
  fetchAPI: FetchAPI,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new fetchAPI.Response(`${message}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  });
}
