/**
 * Rate limiting where it protects something: beyond loopback by default, on loopback only when asked
 * for. A client's bucket is its address unless it presents the real admin token, so inventing
 * `Authorization: Bearer <random>` values buys no fresh buckets.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startReplica } from '../../support/replica.js';
import { startDefaultGateway } from './support.js';

const TOKEN = 'the-admin-token-of-the-rate-tests';
const replica = await startReplica({ size: 20 });

async function burst(url: string, count: number, headers: () => Record<string, string> = () => ({})) {
  const statuses = await Promise.all(
    Array.from({ length: count }, () =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers() },
        body: '{"query":"{ __typename }"}',
      }).then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      }),
    ),
  );
  return { ok: statuses.filter((s) => s === 200).length, limited: statuses.filter((s) => s === 429).length };
}

describe('rate limiting by default', () => {
  it('on loopback: a burst of 100 requests sees no 429', async () => {
    const gateway = await startDefaultGateway(replica.url);
    expect(await burst(gateway.url, 100)).toEqual({ ok: 100, limited: 0 });
  });

  it('beyond loopback: on (20/s, burst 40), so a burst of 100 from one address is cut', async () => {
    const gateway = await startDefaultGateway(replica.url, { HOST: '0.0.0.0', ADMIN_TOKEN: TOKEN });
    const { ok, limited } = await burst(gateway.url, 100);
    expect(ok + limited).toBe(100);
    expect(ok).toBeGreaterThanOrEqual(40);
    expect(limited).toBeGreaterThanOrEqual(50);
  });

  it('on loopback when RATE_LIMIT_RPS is set', async () => {
    const gateway = await startDefaultGateway(replica.url, { RATE_LIMIT_RPS: '1', RATE_LIMIT_BURST: '5' });
    expect((await burst(gateway.url, 20)).limited).toBeGreaterThanOrEqual(14);
  });
});

describe('buckets', () => {
  it('invented bearer tokens all count against the address', async () => {
    const gateway = await startDefaultGateway(replica.url, { HOST: '0.0.0.0', ADMIN_TOKEN: TOKEN });
    const { limited } = await burst(gateway.url, 100, () => ({ authorization: `Bearer ${randomUUID()}` }));
    expect(limited).toBeGreaterThanOrEqual(50);
  });

  it('the real admin token has a bucket of its own', async () => {
    const gateway = await startDefaultGateway(replica.url, {
      HOST: '0.0.0.0',
      ADMIN_TOKEN: TOKEN,
      RATE_LIMIT_RPS: '1',
      RATE_LIMIT_BURST: '2',
    });
    expect((await burst(gateway.url, 10)).limited).toBeGreaterThanOrEqual(7);
    expect(await burst(gateway.url, 2, () => ({ authorization: `Bearer ${TOKEN}` }))).toEqual({
      ok: 2,
      limited: 0,
    });
  });
});
