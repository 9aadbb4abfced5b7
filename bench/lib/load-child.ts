/**
 * Runs one autocannon load in its own process (so the load generator never shares an event loop or a
 * heap with the server it measures) and prints a one-line JSON summary on stdout.
 * Usage: node --import tsx bench/lib/load-child.ts '<LoadSpec as JSON>'
 */
import autocannon from 'autocannon';
import type { LoadSpec, LoadSummary } from './load.js';

/**
 * A new body for every request: the next page, and a nonce no other request carries, in this run or
 * any other (each run is its own process: the pid and start time keep warm-up and later cells apart).
 */
function distinctBodies(distinct: NonNullable<LoadSpec['distinct']>) {
  let sent = 0;
  const run = `${process.pid}.${Date.now()}`;
  return (request: autocannon.Request): autocannon.Request => {
    const variables = { ...distinct.variables, page: sent % distinct.pages, nonce: `${run}.${sent}` };
    sent++;
    return { ...request, body: JSON.stringify({ query: distinct.query, variables }) };
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
  const result = await autocannon({
    url: spec.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: spec.body,
    ...(spec.distinct ? { requests: [{ setupRequest: distinctBodies(spec.distinct) }] } : {}),
    connections: spec.connections,
    duration: spec.durationS,
    timeout: 10,
    // A GraphQL error arrives with HTTP 200: such answers count as mismatches, i.e. as errors.
    verifyBody: (body) => {
      const text = body === undefined ? '' : body.toString();
      return text.startsWith('{"data"') && !text.includes('"errors"');
    },
  });
  const summary: LoadSummary = {
    connections: spec.connections,
    durationS: result.duration,
    requests: result.requests.total,
    requestsPerS: result.requests.average,
    latencyMs: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      mean: result.latency.average,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
