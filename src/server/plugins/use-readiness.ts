import type { ReadinessReport } from '../readiness.js';
import { jsonAnswer } from './json-answer.js';
import type { FrontPlugin } from './server-context.js';

/** `GET /readyz`: 200 when the gateway can serve, 503 otherwise, with the report either way. */
export function useReadiness(check: () => Promise<ReadinessReport>): FrontPlugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/readyz') return;
      const report = await check();
      endResponse(jsonAnswer(fetchAPI, report.ready ? 200 : 503, report));
    },
  };
}
