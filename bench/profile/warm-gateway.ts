/**
 * The warm nested N=20 query under load, for a CPU profile of the gateway alone (the issue's "where does
 * the warm path spend its time"). Starts the replica and a gateway with the memory store in this process,
 * primes the cache, runs autocannon in its own process (lib/load-child.ts) and prints its summary.
 *
 *   PROFILE=/tmp/warm.cpuprofile node --import tsx bench/profile/warm-gateway.ts [seconds] [connections]
 *   LOG_LEVEL=info node --import tsx bench/profile/warm-gateway.ts 10 10 > /dev/null   # access log on
 *   RESPONSE_CACHE=off ...                                                            # every field resolved
 *   DISTINCT=1 ...            # scenario 2's distinct queries: page i % 20 and a nonce per request
 *   SOURCES=1 ...             # the gateway from src/ through tsx (default: compiled, as the bench runs it)
 *   BARE=1 ...                # the same load on bare yoga (the bench's ceiling), answering from the
 *                             # gateway's first page: the CPU per request the ratios are taken against
 *
 * With PROFILE set, the main thread is profiled (node:inspector, as --cpu-prof does) during the measured
 * run only: start-up, module loading and the replica's population are left out.
 *
 * The replica is idle during the load (the cache is warm), so the profile is the gateway's work, plus
 * autocannon's socket traffic as the kernel sees it. Summarise with bench/profile/summarize-cpu-profile.ts.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { createReplica } from '../../src/replica/replica.js';
import { startBareYoga } from '../baselines/bare-yoga.js';
import { compiledGateway } from '../lib/build.js';
import { BENCH_GATEWAY_ENV } from '../lib/gateway.js';
import { assertOk, postGraphQL } from '../lib/http.js';
import { runLoad } from '../lib/load.js';
import {
  DISTINCT_PAGES,
  DISTINCT_QUERY,
  NESTED_Q,
  NESTED_QUERY,
  type NestedItem,
  nestedItems,
} from '../lib/queries.js';
import { makeTempDir } from '../lib/temp.js';

const durationS = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 10);
const logLevel = process.env.LOG_LEVEL ?? 'silent';

// The compiled build, as `npm run bench` measures it; SOURCES=1 runs src/ through tsx instead.
const { createApp, loadConfig } = process.env.SOURCES
  ? {
      createApp: (await import('../../src/app.js')).createApp,
      loadConfig: (await import('../../src/config.js')).loadConfig,
    }
  : await compiledGateway().modules();
const replica = await createReplica({ size: 5000, seed: 1 });
const cacheDir = await makeTempDir('profile');
const app = createApp(
  loadConfig({
    HOME: '/nonexistent',
    ...BENCH_GATEWAY_ENV,
    LOG_LEVEL: logLevel,
    NEUROMORPHO_URL: replica.url,
    CACHE_STORE: 'memory',
    CACHE_DIR: cacheDir.path,
    // RESPONSE_CACHE=off leaves the whole-answer cache out, so the profile shows the per-field work.
    ...(process.env.RESPONSE_CACHE ? { RESPONSE_CACHE: process.env.RESPONSE_CACHE } : {}),
  }),
);
// The access log at `info` goes to stdout; keep the summary line apart on stderr.
const gatewayUrl = `${await app.listen()}/graphql`;
const bare = process.env.BARE
  ? await startBareYoga(
      nestedItems(
        (await postGraphQL(gatewayUrl, NESTED_QUERY, { q: NESTED_Q, size: 20 })).body.data,
      ) as NestedItem[],
    )
  : null;
const graphqlUrl = bare?.graphqlUrl ?? gatewayUrl;
try {
  for (let i = 0; i < 3; i++)
    assertOk(await postGraphQL(graphqlUrl, NESTED_QUERY, { q: NESTED_Q, size: 20 }), 'prime');
  const body = JSON.stringify({ query: NESTED_QUERY, variables: { q: NESTED_Q, size: 20 } });
  const distinct = process.env.DISTINCT
    ? { query: DISTINCT_QUERY, variables: { q: NESTED_Q, size: 20 }, pages: DISTINCT_PAGES }
    : undefined;
  for (let page = 0; distinct && page < DISTINCT_PAGES; page++)
    assertOk(await postGraphQL(graphqlUrl, DISTINCT_QUERY, { q: NESTED_Q, size: 20, page }), 'prime');
  const shape = distinct ? { body, distinct } : { body };
  await runLoad({ url: graphqlUrl, ...shape, connections, durationS: 2 });
  const profiler = process.env.PROFILE ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const cpuBefore = process.cpuUsage();
  const summary = await runLoad({ url: graphqlUrl, ...shape, connections, durationS });
  const cpu = process.cpuUsage(cpuBefore);
  if (profiler && process.env.PROFILE) {
    const { profile } = await profiler.post('Profiler.stop');
    await writeFile(process.env.PROFILE, JSON.stringify(profile));
    profiler.disconnect();
  }
  process.stderr.write(
    `${JSON.stringify({
      logLevel,
      connections,
      requestsPerS: summary.requestsPerS,
      p50: summary.latencyMs.p50,
      p99: summary.latencyMs.p99,
      // CPU time of this process (the gateway; the replica is idle) per answered request: steadier than
      // req/s on a shared machine, since waiting for a core costs no CPU time.
      cpuUsPerRequest: Math.round((cpu.user + cpu.system) / Math.max(1, summary.requests)),
      errors: summary.errors + summary.non2xx + summary.mismatches,
    })}\n`,
  );
} finally {
  await bare?.close();
  await app.close();
  await replica.close();
  await cacheDir.remove();
}
