import type { IncomingMessage, ServerResponse } from 'node:http';
import { Response, type ServerAdapterObject, sendNodeResponse } from '@whatwg-node/server';
import type { Logger } from '../logger.js';
import { parseHostPattern } from './host-trust.js';
import type { GatewayServerContext } from './plugins/server-context.js';

type Front = Pick<ServerAdapterObject<GatewayServerContext>, 'handleNodeRequestAndResponse'>;

/** A client that went away mid-request: nothing is wrong with the gateway, so it is no error. */
function isClientAbort(error: unknown, request: IncomingMessage): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return request.destroyed && ['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE'].includes(String(code));
}

function errorAnswer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * The answer for a request the front could not handle. The adapter's own listener would send the
 * error's stack; here a request whose URL cannot even be built (a Host with spaces, an absolute-form
 * target) gets what the host guard and the router give such requests, and anything else is logged
 * with the request id and answered as "Unexpected error.", as the GraphQL mask does.
 */
function failureAnswer(
  error: unknown,
  request: IncomingMessage,
  context: GatewayServerContext,
  logger: Logger,
): Response | null {
  const path = (request.url ?? '/').split('?')[0];
  if (isClientAbort(error, request)) {
    logger.debug({ requestId: context.requestId, path }, 'client went away mid-request');
    return null;
  }
  if ((error as { code?: unknown } | null)?.code === 'ERR_INVALID_URL') {
    if (parseHostPattern(request.headers.host ?? '') === null) {
      const message = 'the Host header is missing or malformed';
      return errorAnswer(400, { errors: [{ message, extensions: { code: 'BAD_HOST' } }] });
    }
    return errorAnswer(404, { error: 'not found', see: '/graphql' });
  }
  logger.error({ err: error, requestId: context.requestId, path }, 'request failed');
  return errorAnswer(500, {
    errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
  });
}

/**
 * node:http's request listener for the front: whatwg-node's own Node handling (request built from
 * the IncomingMessage, answer written back, streamed bodies piped with back-pressure), plus the error
 * boundary the plugin hooks lack (their exceptions are not caught by the adapter).
 */
export function createNodeListener(front: Front, logger: Logger) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const context: GatewayServerContext = { req: request, res: response };
    const answered = (async () => {
      let answer: Response | null;
      try {
        answer = await front.handleNodeRequestAndResponse(request, response, context);
      } catch (error) {
        answer = failureAnswer(error, request, context, logger);
      }
      if (answer === null) return;
      if (response.headersSent) {
        // Failed mid-answer (a file stream broke): all that is left is to end the connection.
        if (!response.writableEnded) response.destroy();
        return;
      }
      await sendNodeResponse(answer, response, request, true);
    })();
    answered.catch(() => response.destroy());
  };
}
