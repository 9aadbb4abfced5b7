import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createReplica } from './replica/replica.js';

/**
 * `npm run demo`: the offline replica on a free loopback port and the gateway in front of it, so
 * GraphiQL works with no network. Honours the gateway's variables and flags (PORT, HOST, ...);
 * NEUROMORPHO_URL is replaced by the replica's address.
 */
async function demo(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const replica = await createReplica({ port: 0, host: '127.0.0.1' });
  const app = createApp({ ...config, neuromorphoUrl: replica.url });
  const url = await app.listen();
  process.stdout.write(
    `offline replica of NeuroMorpho.Org: ${replica.url}/api\n` +
      `GraphiQL: ${url}/graphql\n` +
      'Ctrl-C stops both.\n',
  );
  const stop = () => {
    Promise.all([app.close(), replica.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

demo().catch((error: unknown) => {
  process.stderr.write(`demo failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
