/** The shape of bench/results/*.json. */
import type { DownloadResult } from '../scenarios/downloads.js';
import type { LatencyResult } from '../scenarios/latency.js';
import type { LoadResult } from '../scenarios/load.js';
import type { MorphologyGatewayResult } from '../scenarios/morphology-gateway.js';
import type { MorphologyParseResult } from '../scenarios/morphology-parse.js';
import type { NestedResult } from '../scenarios/nested.js';
import type { StartupResult } from '../scenarios/startup.js';
import type { MachineInfo } from './machine.js';
import type { BenchOptions } from './options.js';
import type { Target } from './targets.js';

export interface BenchMeta {
  date: string;
  command: string;
  options: BenchOptions;
  durationS: number;
  machine: MachineInfo;
  /** Settings every benchmarked gateway ran with (on top of the defaults). */
  gatewayEnv: Record<string, string>;
  notes: string[];
}

export interface BenchResults {
  meta: BenchMeta;
  nested?: NestedResult;
  load?: LoadResult;
  downloads?: DownloadResult;
  latency?: LatencyResult;
  morphologyParse?: MorphologyParseResult;
  morphologyGateway?: MorphologyGatewayResult;
  startup?: StartupResult;
  targets: Target[];
  errors: Array<{ scenario: string; message: string }>;
}
