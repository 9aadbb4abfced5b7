#!/usr/bin/env node
/** CLI: `npm run replica -- --port 8081 --size 5000`. The only replica file that reads process state. */
import { parseReplicaArgs, USAGE } from './cli-args.js';
import { createReplica } from './replica.js';

async function main(): Promise<void> {
  const command = parseReplicaArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const replica = await createReplica(command.options);
  const { population } = replica;
  // The first line is machine-read (scripts wait for it): keep it exactly `replica listening on <url>`.
  process.stdout.write(`replica listening on ${replica.url}\n`);
  process.stdout.write(
    `api ${replica.url}/api, files ${replica.url}/dableFiles, control ${replica.url}/__replica; ` +
      `${population.ids.length} neurons (${population.recordedIds.length} recorded, ${population.generatedIds.length} synthetic)\n`,
  );
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`replica stopping (${signal})\n`);
    replica.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
