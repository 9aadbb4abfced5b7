import { GatewayAnswerError, GatewayUnreachableError } from './cli-errors.js';
import { readSseEvents } from './sse-events.js';

export interface GatewayClientOptions {
  /** The gateway's base URL (`http://127.0.0.1:4000`); `/graphql` is added. */
  url: string;
  /** ADMIN_TOKEN of the gateway, sent as `Authorization: Bearer`; null for a gateway without one. */
  token: string | null;
  /** Told about errors on nested fields when the rest of the answer came (a measurement upstream failed). */
  onWarning(message: string): void;
}

export interface GatewayClient {
  readonly baseUrl: URL;
  /** Runs a query or mutation; throws GatewayAnswerError with the first error's message and extensions. */
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /**
   * Runs a subscription over Server-Sent Events (yoga's built-in protocol: POST with
   * `Accept: text/event-stream`), yielding each result's data until the gateway completes the stream.
   */
  subscribe<T>(query: string, variables: Record<string, unknown>, signal: AbortSignal): AsyncGenerator<T>;
}

interface GraphQLAnswer {
  data?: unknown;
  errors?: Array<{ message?: unknown; path?: unknown[]; extensions?: Record<string, unknown> }>;
}

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const baseUrl = parseBaseUrl(options.url);
  const endpoint = new URL('graphql', baseUrl);
  const headers = (accept: string): Record<string, string> => ({
    'content-type': 'application/json',
    accept,
    ...(options.token === null ? {} : { authorization: `Bearer ${options.token}` }),
  });

  const post = async (body: unknown, accept: string, signal?: AbortSignal): Promise<Response> => {
    try {
      return await fetch(endpoint, {
        method: 'POST',
        headers: headers(accept),
        body: JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new GatewayUnreachableError(
        `cannot reach the gateway at ${endpoint.href}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
  };

  return {
    baseUrl,
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const response = await post(
        { query, variables },
        'application/graphql-response+json, application/json',
      );
      return dataOf<T>(await answerOf(response, endpoint), options.onWarning);
    },
    async *subscribe<T>(query: string, variables: Record<string, unknown>, signal: AbortSignal) {
      const response = await post({ query, variables }, 'text/event-stream', signal);
      if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        // An error before the stream started (bad variables, no such dataset) comes as one JSON answer.
        yield dataOf<T>(await answerOf(response, endpoint), options.onWarning);
        return;
      }
      if (response.body === null) throw new GatewayUnreachableError('the progress stream has no body');
      for await (const event of readSseEvents(response.body)) {
        if (event.event === 'complete') return;
        if (event.event !== 'next') continue;
        yield dataOf<T>(parseAnswer(event.data, endpoint), options.onWarning);
      }
      throw new GatewayUnreachableError('the progress stream ended before the gateway completed it');
    },
  };
}

function parseBaseUrl(url: string): URL {
  try {
    const parsed = new URL(url.endsWith('/') ? url : `${url}/`);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    // `--url http://host:4000/graphql` is as natural as the base URL: accept both.
    return parsed.pathname.endsWith('/graphql/') ? new URL('../', parsed) : parsed;
  } catch {
    throw new GatewayUnreachableError(`--url ${url} is not an http(s) URL`);
  }
}

async function answerOf(response: Response, endpoint: URL): Promise<GraphQLAnswer> {
  return parseAnswer(await response.text(), endpoint, response.status);
}

function parseAnswer(text: string, endpoint: URL, status = 200): GraphQLAnswer {
  try {
    const answer = JSON.parse(text) as unknown;
    if (answer !== null && typeof answer === 'object') return answer as GraphQLAnswer;
  } catch {
    // Handled below: the same message for any body that is not a GraphQL answer.
  }
  throw new GatewayUnreachableError(
    `${endpoint.href} answered HTTP ${status} with something that is not GraphQL: ${text.slice(0, 200)}`,
  );
}

/**
 * The answer's data. An error at a top-level field (or with no data at all) is the command's failure; an
 * error deeper down left the rest of the answer usable, so it is only a warning.
 */
function dataOf<T>(answer: GraphQLAnswer, onWarning: (message: string) => void): T {
  const errors = answer.errors ?? [];
  const fatal = errors.find((error) => !Array.isArray(error.path) || error.path.length <= 1);
  const hasData = answer.data !== undefined && answer.data !== null;
  const first = fatal ?? (hasData ? undefined : errors[0]);
  if (first !== undefined) {
    throw new GatewayAnswerError(
      String(first.message ?? 'the gateway reported an error'),
      first.extensions ?? {},
    );
  }
  if (!hasData) throw new GatewayUnreachableError('the gateway answered without data');
  for (const error of errors) {
    const code = typeof error.extensions?.code === 'string' ? ` (${error.extensions.code})` : '';
    onWarning(`${(error.path ?? []).join('.')}: ${String(error.message)}${code}`);
  }
  return answer.data as T;
}
