/**
 * The benchmark's HTTP client: one undici keep-alive Agent, closed at the end of the run. Every system
 * under test is called through it, so client costs are the same for all of them.
 */
import { Agent, request } from 'undici';

export const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000, pipelining: 1 });

export interface GraphQLResult {
  status: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult> {
  const response = await request(url, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.body.json()) as GraphQLResult['body'];
  return { status: response.statusCode, body };
}

/** Throws unless the answer is a 200 without GraphQL errors. */
export function assertOk(result: GraphQLResult, what: string): void {
  if (result.status !== 200 || (result.body.errors?.length ?? 0) > 0) {
    const errors = JSON.stringify(result.body.errors ?? []).slice(0, 500);
    throw new Error(`${what}: HTTP ${result.status}, errors ${errors}`);
  }
}

export async function getJson(url: string): Promise<unknown> {
  const response = await request(url, { dispatcher: agent });
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new Error(`GET ${url}: HTTP ${response.statusCode}`);
  }
  return response.body.json();
}
