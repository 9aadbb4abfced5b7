import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 50 });
const gateway = await startGateway(replica.url);

describe('GraphQL over HTTP conformance (graphql-http serverAudits)', () => {
  for (const audit of serverAudits({ url: gateway.graphqlUrl, fetchFn: fetch })) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      // A MUST audit fails with "error"; SHOULD audits may "warn" where the spec leaves a choice.
      expect(result.status, 'reason' in result ? result.reason : '').not.toBe('error');
      if (audit.name.startsWith('MUST')) expect(result.status).toBe('ok');
    });
  }
});
