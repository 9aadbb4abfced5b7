import { Command, CommanderError } from 'commander';
import { CliFailure } from './cli-errors.js';
import { type CliIo, DEFAULT_GATEWAY_URL, TOKEN_VARIABLE, URL_VARIABLE } from './cli-io.js';
import { addCacheCommands } from './commands/cache-commands.js';
import { addDatasetCommands } from './commands/dataset-commands.js';
import { addNeuronCommands } from './commands/neuron-commands.js';

/** Exit code for arguments the command line refuses (commander's own errors included). */
export const USAGE_EXIT_CODE = 2;

/**
 * Runs one command against a running gateway and resolves to the process's exit code: 0 on success, 1
 * when the gateway reported an error (or a followed dataset did not end DONE), 2 for bad arguments.
 * Never exits the process itself: main.ts does, so tests can run it in-process too.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; commander has already printed its message for the rest.
      return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    }
    if (error instanceof CliFailure) {
      io.stderr.write(`error: ${error.message} (${error.code})\n`);
      const details = Object.entries(error.extensions).filter(([key]) => key !== 'code');
      if (details.length > 0) io.stderr.write(`extensions: ${JSON.stringify(Object.fromEntries(details))}\n`);
      if (error.exitCode === USAGE_EXIT_CODE) io.stderr.write(`${program.helpInformation()}`);
      return error.exitCode;
    }
    throw error;
  }
}

function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('neuromorpho-gateway')
    .description(
      'Talk to a running neuromorpho-gateway: build datasets, look at neurons, manage the cache.\n' +
        'Without a command (or with `serve`) neuromorpho-gateway starts the gateway itself.',
    )
    .option('--url <url>', `the gateway (env ${URL_VARIABLE}, default ${DEFAULT_GATEWAY_URL})`)
    .option('--token <token>', `the gateway's ADMIN_TOKEN for writes (env ${TOKEN_VARIABLE})`)
    .option('--json', 'print one JSON document instead of text (no progress bar)')
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError()
    .exitOverride();
  // Set before the subcommands are added: commander copies output, exitOverride and help settings to them.
  addDatasetCommands(program, io, setExitCode);
  addNeuronCommands(program, io);
  addCacheCommands(program, io, setExitCode);
  return program;
}
