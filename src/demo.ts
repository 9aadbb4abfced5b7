import { createApp } from './app.js';
import { ConfigError } from './config.js';
import { demoCacheDir } from './demo-cache-dir.js';
import { createSiteUrls } from './neuromorpho/site-urls.js';
import { configFromProcess, exitOnSignal } from './process-config.js';
import { createReplica } from './replica/replica.js';

/**
 * `npm run demo`: the offline replica on a free loopback port and the gateway in front of it, so
 * GraphiQL works with no network. Honours the gateway's variables and flags (PORT, HOST, ...);
 * NEUROMORPHO_URL is replaced by the replica's address, and downloads go to a cache folder of the
 * demo's own (see demoCacheDir).
 */
async function demo(): Promise<void> {
  const config = configFromProcess();
  const cacheDir = demoCacheDir(process.env, process.argv.slice(2));
  const replica = await createReplica({ port: 0, host: '127.0.0.1' });
  // The replica is local and fast: the politeness budget meant for NeuroMorpho would only slow the demo.
  const app = createApp({
    ...config,
    neuromorphoUrl: replica.url,
    site: createSiteUrls(replica.url),
    cacheDir,
    upstreamBudget: { ...config.upstreamBudget, maxPerSecond: 1000, maxConcurrency: 16 },
  });
  const url = await app.listen();
  process.stdout.write(
    `offline replica of NeuroMorpho.Org: ${replica.url}/api\n` +
      `demo cache folder: ${cacheDir ?? 'off'}\nGraphiQL: ${url}/graphql\nCtrl-C stops both.\n`,
  );
  exitOnSignal(() => Promise.all([app.close(), replica.close()]));
}

demo().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`demo failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
