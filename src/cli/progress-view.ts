import { SingleBar } from 'cli-progress';
import type { OutputStream } from './cli-io.js';
import type { DatasetView } from './documents.js';
import { countsLine, finishedCount, formatBytes, formatSeconds } from './format.js';

/** Shows a running dataset: a live bar on a terminal, plain lines in a log, nothing for --json. */
export interface ProgressView {
  update(dataset: DatasetView): void;
  /** Leaves the bar's last state on screen and moves to a fresh line. */
  stop(): void;
}

export function createProgressView(stdout: OutputStream, json: boolean): ProgressView {
  if (json) return { update() {}, stop() {} };
  return stdout.isTTY === true ? createBarView(stdout) : createLineView(stdout);
}

/** Tokens of the bar's format beside cli-progress's own {bar} {percentage} {value} {total}. */
interface BarPayload {
  status: string;
  /** Not `eta`: that name is cli-progress's own estimate, which would win. */
  gatewayEta: string;
  detail: string;
}

function payloadOf(dataset: DatasetView): BarPayload {
  return {
    status: dataset.status,
    // The gateway's ETA (from its own item timings, right across restarts), not the bar's local guess.
    gatewayEta: formatSeconds(dataset.etaSeconds),
    detail: `done ${dataset.done} skipped ${dataset.skipped} failed ${dataset.failed} | ${formatBytes(dataset.bytes)}`,
  };
}

function createBarView(stdout: OutputStream): ProgressView {
  const bar = new SingleBar({
    // cli-progress draws with readline's cursor functions, which take any stream with write().
    stream: stdout as NodeJS.WritableStream,
    format: '{bar} {percentage}% | {value}/{total} | ETA {gatewayEta} | {status} | {detail}',
    // What is left of the line beside the text (about 90 characters); a terminal of unknown width gets 30.
    barsize: Math.max(10, Math.min(30, (stdout.columns || 120) - 90)),
    hideCursor: true,
    fps: 10,
  });
  let started = false;
  return {
    update(dataset) {
      const payload = payloadOf(dataset);
      if (!started) {
        bar.start(dataset.total, finishedCount(dataset), payload);
        started = true;
        return;
      }
      // The total shrinks once the gateway has resolved the search (duplicates, ids it does not know).
      if (bar.getTotal() !== dataset.total) bar.setTotal(dataset.total);
      bar.update(finishedCount(dataset), payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** For logs and pipes: one line per status change, and progress at most every 2 s. */
function createLineView(stdout: OutputStream): ProgressView {
  const intervalMs = 2000;
  let lastStatus = '';
  let lastLine = '';
  let lastAt = 0;
  return {
    update(dataset) {
      const line = `${dataset.status} ${countsLine(dataset)} eta ${formatSeconds(dataset.etaSeconds)}`;
      const now = Date.now();
      const changedStatus = dataset.status !== lastStatus;
      if (line === lastLine || (!changedStatus && now - lastAt < intervalMs)) return;
      stdout.write(`${line}\n`);
      lastStatus = dataset.status;
      lastLine = line;
      lastAt = now;
    },
    stop() {},
  };
}
