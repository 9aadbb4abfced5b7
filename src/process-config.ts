import { type Config, ConfigError, loadConfig } from './config.js';

/**
 * For entry points only (main.ts, demo.ts): the configuration from this process's environment and
 * arguments, or a list of every problem on stderr and exit code 2.
 */
export function configFromProcess(): Config {
  try {
    return loadConfig(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** Runs `stop` once on SIGTERM or SIGINT, then exits 0 (1 if stopping failed). */
export function exitOnSignal(stop: () => Promise<unknown>): void {
  let stopping = false;
  // `on`, not `once`: the handler must stay listed while `stop` runs. signal-exit (loaded with
  // proper-lockfile by the first download) re-raises a signal when it finds itself the only listener,
  // which killed the process mid-shutdown once a `once` handler had removed itself.
  const handler = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
