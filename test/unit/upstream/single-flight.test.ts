import { describe, expect, it } from 'vitest';
import type { UpstreamHttp } from '../../../src/upstream/http.js';
import { withSingleFlight } from '../../../src/upstream/single-flight.js';

function countingHttp() {
  const calls: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const http: UpstreamHttp = {
    async getJson(url) {
      calls.push(url);
      await gate;
      return { url };
    },
    openStream: () => Promise.reject(new Error('not used')),
  };
  return { http, calls, release };
}

describe('withSingleFlight', () => {
  it('shares one request between callers of the same URL while it is in flight', async () => {
    const { http, calls, release } = countingHttp();
    const shared = withSingleFlight(http);
    const answers = Promise.all([shared.getJson('a'), shared.getJson('a'), shared.getJson('b')]);
    expect(shared.inFlight()).toBe(2);
    release();
    expect(await answers).toEqual([{ url: 'a' }, { url: 'a' }, { url: 'b' }]);
    expect(calls).toEqual(['a', 'b']);
    expect(shared.inFlight()).toBe(0);
  });

  it('asks again once the first request has settled', async () => {
    const { http, calls, release } = countingHttp();
    release();
    const shared = withSingleFlight(http);
    await shared.getJson('a');
    await shared.getJson('a');
    expect(calls).toEqual(['a', 'a']);
  });
});
