/**
 * Scenario 3, downloads: `downloadNeuron(mode: STANDARD, overwrite: true)` through the gateway (running in
 * this process) against a raw undici `stream` of the same URL to disk, for a 20 MB and a 100 MB file
 * (replica `largeFiles`), with this process's peak memory growth sampled during each.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createReplica } from '../../src/replica/replica.js';
import { rawStreamToDisk } from '../baselines/raw-download.js';
import { startGateway } from '../lib/gateway.js';
import { assertOk, postGraphQL } from '../lib/http.js';
import { type MemoryPeak, measurePeak } from '../lib/memory.js';
import { DOWNLOAD_MUTATION } from '../lib/queries.js';
import { Resources } from '../lib/resources.js';
import { median, ratio, round } from '../lib/stats.js';
import type { Target } from '../lib/targets.js';
import { makeTempDir } from '../lib/temp.js';

const MB = 1_000_000;
const MIB = 2 ** 20;
/** A download that buffered the file would grow by at least the 80 MB size difference. */
const INDEPENDENT_GROWTH_LIMIT = 16 * MIB;

export interface DownloadRun {
  system: 'gateway' | 'raw';
  sizeBytes: number;
  ms: number;
  mbPerS: number;
  peak: MemoryPeak;
}

export interface DownloadRow {
  system: 'gateway' | 'raw';
  sizeBytes: number;
  reps: number;
  /** Median over the repetitions. */
  mbPerS: number;
  /** Highest over the repetitions, MiB. */
  peakRssDeltaMiB: number;
  peakArrayBuffersDeltaMiB: number;
  peakHeapUsedDeltaMiB: number;
}

export interface DownloadResult {
  sizes: number[];
  reps: number;
  rows: DownloadRow[];
  runs: DownloadRun[];
  ratios: Array<{ sizeBytes: number; gatewayOverRaw: number | null }>;
  targets: Target[];
}

export interface DownloadSettings {
  reps: number;
}

const FILES: Record<number, number> = { 700001: 20 * MB, 700002: 100 * MB };

export async function runDownloads(
  settings: DownloadSettings,
  log: (line: string) => void,
): Promise<DownloadResult> {
  const resources = new Resources();
  try {
    const replica = resources.add(
      'replica',
      await createReplica({ size: 200, seed: 1, largeFiles: FILES }),
      (r) => r.close(),
    );
    const cacheDir = resources.add('cache dir', await makeTempDir('downloads'), (d) => d.remove());
    const rawDir = resources.add('raw dir', await makeTempDir('raw'), (d) => d.remove());
    const gateway = resources.add(
      'gateway',
      await startGateway({ siteUrl: replica.url, cacheStore: 'memory', cacheDir: cacheDir.path }),
      (g) => g.close(),
    );

    const runs: DownloadRun[] = [];
    for (const [idText, sizeBytes] of Object.entries(FILES)) {
      const id = Number(idText);
      const plan = await postGraphQL(
        gateway.graphqlUrl,
        'query($id: Int!) { neuron(id: $id) { urls { standardSwc } } }',
        { id },
      );
      assertOk(plan, `neuron ${id}`);
      const url = (plan.body.data as { neuron: { urls: { standardSwc: string } } }).neuron.urls.standardSwc;
      const systems = {
        gateway: async () => {
          const result = await postGraphQL(gateway.graphqlUrl, DOWNLOAD_MUTATION, { id });
          assertOk(result, `downloadNeuron ${id}`);
          const items = (result.body.data as { downloadNeuron: { items: Array<{ bytes: number | null }> } })
            .downloadNeuron.items;
          return items[0]?.bytes ?? 0;
        },
        raw: () => rawStreamToDisk(url, join(rawDir.path, `${id}.CNG.swc`)),
      } as const;
      // Alternate the systems so that drift on the machine hits both alike.
      for (let rep = 0; rep < settings.reps; rep++) {
        for (const system of ['raw', 'gateway'] as const) {
          const { value: bytes, ms, peak } = await measurePeak(systems[system]);
          if (bytes !== sizeBytes)
            throw new Error(`${system} download of ${id}: ${bytes} bytes, not ${sizeBytes}`);
          runs.push({ system, sizeBytes, ms: round(ms), mbPerS: round(bytes / MB / (ms / 1000)), peak });
          await rm(join(cacheDir.path, String(id)), { recursive: true, force: true });
          await rm(join(rawDir.path, `${id}.CNG.swc`), { force: true });
        }
      }
    }
    const rows: DownloadRow[] = [];
    for (const sizeBytes of Object.values(FILES)) {
      for (const system of ['raw', 'gateway'] as const) {
        const mine = runs.filter((r) => r.system === system && r.sizeBytes === sizeBytes);
        const row: DownloadRow = {
          system,
          sizeBytes,
          reps: mine.length,
          mbPerS: round(median(mine.map((r) => r.mbPerS))),
          peakRssDeltaMiB: round(Math.max(...mine.map((r) => r.peak.rssDelta)) / MIB, 1),
          peakArrayBuffersDeltaMiB: round(Math.max(...mine.map((r) => r.peak.arrayBuffersDelta)) / MIB, 1),
          peakHeapUsedDeltaMiB: round(Math.max(...mine.map((r) => r.peak.heapUsedDelta)) / MIB, 1),
        };
        rows.push(row);
        log(
          `  ${system.padEnd(7)} ${sizeBytes / MB} MB: ${row.mbPerS} MB/s, peak rss +${row.peakRssDeltaMiB} MiB, ` +
            `arrayBuffers +${row.peakArrayBuffersDeltaMiB} MiB`,
        );
      }
    }
    return summarizeDownloads(settings, rows, runs);
  } finally {
    await resources.closeAll();
  }
}

function summarizeDownloads(
  settings: DownloadSettings,
  rows: DownloadRow[],
  runs: DownloadRun[],
): DownloadResult {
  const sizes = Object.values(FILES);
  const row = (system: 'gateway' | 'raw', size: number) =>
    rows.find((r) => r.system === system && r.sizeBytes === size);
  const ratios = sizes.map((sizeBytes) => {
    const x = ratio(row('gateway', sizeBytes)?.mbPerS, row('raw', sizeBytes)?.mbPerS);
    return { sizeBytes, gatewayOverRaw: x === null ? null : round(x) };
  });
  const small = row('gateway', 20 * MB);
  const large = row('gateway', 100 * MB);
  const growth =
    small && large
      ? {
          rss: (large.peakRssDeltaMiB - small.peakRssDeltaMiB) * MIB,
          arrayBuffers: (large.peakArrayBuffersDeltaMiB - small.peakArrayBuffersDeltaMiB) * MIB,
        }
      : null;
  const throughputMet = ratios.every((r) => r.gatewayOverRaw !== null && r.gatewayOverRaw >= 0.9);
  const memoryMet =
    growth === null
      ? null
      : growth.rss < INDEPENDENT_GROWTH_LIMIT && growth.arrayBuffers < INDEPENDENT_GROWTH_LIMIT;
  return {
    sizes,
    reps: settings.reps,
    rows,
    runs,
    ratios,
    targets: [
      {
        id: 'download-throughput',
        description: 'download throughput >= 90% of a raw undici stream to disk',
        threshold: 'gateway MB/s / raw MB/s >= 0.90 for 20 MB and 100 MB',
        measured: ratios.map((r) => `${r.sizeBytes / MB} MB: ${r.gatewayOverRaw ?? '-'}`).join('; '),
        met: ratios.length === 0 ? null : throughputMet,
      },
      {
        id: 'download-memory',
        description: 'download memory independent of file size',
        threshold: 'peak growth (rss and arrayBuffers) at 100 MB minus at 20 MB < 16 MiB',
        measured:
          small && large
            ? `peak rss +${small.peakRssDeltaMiB} MiB (20 MB) vs +${large.peakRssDeltaMiB} MiB (100 MB); ` +
              `arrayBuffers +${small.peakArrayBuffersDeltaMiB} vs +${large.peakArrayBuffersDeltaMiB} MiB`
            : 'not measured',
        met: memoryMet,
      },
    ],
  };
}
