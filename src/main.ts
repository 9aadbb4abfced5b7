import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/** The only gateway file that reads the environment and argv, listens, and handles signals. */
async function main(): Promise<void> {
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
  const app = createApp(config);
  const url = await app.listen();
  process.stdout.write(
    `neuromorpho-gateway listening on ${url}/graphql (NeuroMorpho: ${config.neuromorphoUrl})\n`,
  );
  const stop = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`neuromorpho-gateway failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
