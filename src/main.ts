import { createApp } from './app.js';
import { configFromProcess, exitOnSignal } from './process-config.js';

/** The gateway's entry point: reads the environment and argv, listens, and shuts down on signals. */
async function main(): Promise<void> {
  const config = configFromProcess();
  const app = createApp(config);
  const url = await app.listen();
  process.stdout.write(
    `neuromorpho-gateway listening on ${url}/graphql (NeuroMorpho: ${config.neuromorphoUrl})\n`,
  );
  exitOnSignal(async () => {
    app.logger.info('shutting down: finishing running requests and downloads');
    await app.close();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`neuromorpho-gateway failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
