/** Parses the replica CLI's arguments (pure; main.ts passes process.argv). */
import { parseFaultSpec } from './fault-rule.js';
import type { ReplicaOptions } from './types.js';

export const USAGE = `Usage: npm run replica -- [options]
  --port N            port to listen on (default 0: a free port)
  --host H            address to bind (default 127.0.0.1)
  --size N            generated neurons on top of the recorded ones (default 5000, max 299999)
  --seed S            seed of the generated population and fault draws (default 1)
  --fixtures DIR      fixtures folder (default: the repository's fixtures/)
  --public-url URL    base written into payload links (default: the listening url)
  --fault SPEC        fault rule, repeatable: 'route=/api/neuron/select,status=503,times=2'
                      keys: route status retryAfter latencyMs reset truncate emptyBody times probability
  --large-file ID=BYTES  serve neuron ID's standard SWC with BYTES bytes, streamed (repeatable)
  --help              this text`;

export type CliCommand = { kind: 'help' } | { kind: 'run'; options: ReplicaOptions };

/** Throws an Error naming every bad argument at once. */
export function parseReplicaArgs(argv: readonly string[]): CliCommand {
  const options: ReplicaOptions = {};
  const problems: string[] = [];
  const integer = (flag: string, raw: string | undefined): number | undefined => {
    const n = Number(raw);
    if (raw === undefined || raw.trim() === '' || !Number.isInteger(n)) {
      problems.push(`${flag} needs an integer, got '${raw ?? ''}'`);
      return undefined;
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag = '', inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--port':
        options.port = integer(flag, value());
        break;
      case '--host':
        options.host = value();
        break;
      case '--size':
        options.size = integer(flag, value());
        break;
      case '--seed':
        options.seed = integer(flag, value());
        break;
      case '--fixtures':
        options.fixturesDir = value();
        break;
      case '--public-url':
        options.publicUrl = value();
        break;
      case '--fault':
        try {
          options.faults = [...(options.faults ?? []), parseFaultSpec(value() ?? '')];
        } catch (error) {
          problems.push(`--fault: ${error instanceof Error ? error.message : String(error)}`);
        }
        break;
      case '--large-file': {
        const [id, bytes] = (value() ?? '').split('=');
        const neuron = integer('--large-file id', id);
        const size = integer('--large-file bytes', bytes);
        if (neuron !== undefined && size !== undefined)
          options.largeFiles = { ...options.largeFiles, [neuron]: size };
        break;
      }
      default:
        problems.push(`unknown argument '${arg}'`);
    }
  }
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\n\n${USAGE}`);
  return { kind: 'run', options };
}
