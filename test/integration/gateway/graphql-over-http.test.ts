import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { registerCleanup } from '../../support/cleanup.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 50 });
// The configuration a user gets: only the port, the upstream, the cache folder and the log level are
// set (no test relaxations such as a lifted rate limit or upstream budget), so the audit sees the
// gateway as it runs on someone's machine.
const app = createApp(
  loadConfig({
    HOME: '/nonexistent',
    PORT: '0',
    NEUROMORPHO_URL: replica.url,
    CACHE_DIR: await tempDir(),
    LOG_LEVEL: 'silent',
  }),
);
const url = await app.listen();
registerCleanup(() => app.close());

describe('GraphQL over HTTP conformance (graphql-http serverAudits), default configuration', () => {
  for (const audit of serverAudits({ url: `${url}/graphql`, fetchFn: fetch })) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      // A MUST audit fails with "error"; SHOULD audits may "warn" where the spec leaves a choice.
      expect(result.status, 'reason' in result ? result.reason : '').not.toBe('error');
      if (audit.name.startsWith('MUST')) expect(result.status).toBe('ok');
    });
  }
});
