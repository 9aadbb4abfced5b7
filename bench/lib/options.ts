/** Command-line options of `npm run bench`. */
export const SCENARIOS = [
  'nested',
  'load',
  'downloads',
  'latency',
  'morphology-parse',
  'morphology-gateway',
  'startup',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  /** ~2 minute version: fewer sizes, repetitions and shorter load runs. */
  quick: boolean;
  /** Scenarios to run, in order. */
  only: ScenarioName[];
}

export const USAGE = `Usage: npm run bench -- [--quick] [--only <${SCENARIOS.join('|')}>[,<...>]]`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let only: ScenarioName[] = [...SCENARIOS];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--quick') quick = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (raw === undefined || raw === '') throw new Error(`--only needs a scenario name\n${USAGE}`);
      only = raw.split(',').map((name) => {
        const found = SCENARIOS.find((s) => s === name.trim());
        if (found === undefined) throw new Error(`unknown scenario '${name}'\n${USAGE}`);
        return found;
      });
    } else throw new Error(`unknown argument '${arg}'\n${USAGE}`);
  }
  return { quick, only };
}
