import { jsonAnswer } from './json-answer.js';
import type { FrontPlugin } from './server-context.js';

/** `GET /healthz`: 200 while the process is alive (no dependency is asked). */
export function useHealth(): FrontPlugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === '/healthz') endResponse(jsonAnswer(fetchAPI, 200, { status: 'ok' }));
    },
  };
}
