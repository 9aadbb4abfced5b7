#!/usr/bin/env node
import module from 'node:module';
import { CLI_COMMANDS } from './cli/cli-commands.js';

// Node 22.1+ keeps V8's compiled code on disk (NODE_COMPILE_CACHE, else the system's temporary folder),
// so a restart compiles none of the modules it loads again; Node 20 has no cache and starts as before.
// A folder that cannot be written only leaves the cache off. Called before the server's imports below.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

/** The gateway's entry point: reads the environment and argv, listens, and shuts down on signals. */
async function main(): Promise<void> {
  // graphql-js checks every `instanceof` a second way unless NODE_ENV is production (about 5 % of a
  // warm request); the server runs as production unless told otherwise. Set before graphql loads.
  process.env.NODE_ENV ??= 'production';
  // Loaded here, not at the top: a command-line run does not need the server (2 s of imports).
  const { createApp } = await import('./app.js');
  const { configFromProcess, exitOnSignal } = await import('./process-config.js');
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

/** `neuromorpho-gateway dataset|neuron|cache|help ...`: the command line, talking to a running gateway. */
async function cli(argv: string[]): Promise<void> {
  const { runCli } = await import('./cli/run-cli.js');
  const stopFollowing = new AbortController();
  process.once('SIGINT', () => stopFollowing.abort());
  // `neuromorpho-gateway cache list | head`: a reader that went away is the end of the output, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  process.exitCode = await runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signal: stopFollowing.signal,
  });
}

const [command, ...rest] = process.argv.slice(2);
if (command !== undefined && CLI_COMMANDS.has(command)) {
  cli([command, ...rest]).catch((error: unknown) => {
    process.stderr.write(`neuromorpho-gateway: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
} else {
  // `serve` is the explicit name of what no command does: start the gateway.
  if (command === 'serve') process.argv.splice(2, 1);
  main().catch((error: unknown) => {
    process.stderr.write(`neuromorpho-gateway failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
