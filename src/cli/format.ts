import type { CacheStatusView, DatasetItemView, DatasetView, NeuronView } from './documents.js';

/** 1536 -> "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** 75 -> "1m15s"; null (not known yet) -> "--". */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--';
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (hours > 0) return `${hours}h${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}

/** Items finished one way or another. */
export function finishedCount(dataset: DatasetView): number {
  return dataset.done + dataset.skipped + dataset.failed;
}

/** "12/20 (done 10, skipped 1, failed 1)". */
export function countsLine(dataset: DatasetView): string {
  return (
    `${finishedCount(dataset)}/${dataset.total} ` +
    `(done ${dataset.done}, skipped ${dataset.skipped}, failed ${dataset.failed})`
  );
}

/** Where the dataset's outputs are, as absolute URLs (the gateway may give them relative to itself). */
export function outputUrls(
  dataset: DatasetView,
  baseUrl: URL,
): { manifestCsv: string; manifestJson: string; zip: string } {
  const absolute = (url: string) => new URL(url, baseUrl).href;
  return {
    manifestCsv: absolute(dataset.manifestCsvUrl),
    manifestJson: absolute(dataset.manifestJsonUrl),
    zip: absolute(dataset.zipUrl),
  };
}

export function datasetLines(dataset: DatasetView, baseUrl: URL): string[] {
  const urls = outputUrls(dataset, baseUrl);
  const lines = [
    `dataset ${dataset.id}: ${dataset.name}`,
    `status:    ${dataset.status}${dataset.error ? ` (${dataset.error.code}: ${dataset.error.message})` : ''}`,
    `neurons:   ${countsLine(dataset)}`,
    `fetched:   ${formatBytes(dataset.bytes)}`,
    `created:   ${dataset.createdAt}`,
  ];
  if (dataset.startedAt) lines.push(`started:   ${dataset.startedAt}`);
  if (dataset.finishedAt) lines.push(`finished:  ${dataset.finishedAt}`);
  if (dataset.etaSeconds !== null && !dataset.finishedAt)
    lines.push(`eta:       ${formatSeconds(dataset.etaSeconds)}`);
  lines.push(
    // The folder is null when the gateway hides paths from this caller (EXPOSE_PATHS).
    `folder:    ${dataset.folder ?? '(not shown by the gateway)'}`,
    `manifest:  ${urls.manifestCsv}`,
    `           ${urls.manifestJson}`,
    `zip:       ${urls.zip}`,
  );
  return lines;
}

/** One line per dataset for `dataset list`. */
export function datasetRow(dataset: DatasetView): string {
  return `${dataset.id}  ${dataset.status.padEnd(9)}  ${countsLine(dataset).padEnd(40)}  ${dataset.name}`;
}

export function itemLine(item: DatasetItemView): string {
  const error = item.error ? `  ${item.error.code}: ${item.error.message}` : '';
  const files = item.files.map((file) => file.path ?? file.relativePath).join(', ');
  return `${String(item.neuronId).padStart(8)}  ${item.status.padEnd(7)}  ${item.neuron.name}${error}${files ? `  ${files}` : ''}`;
}

/** "standard original metadata" for what is on disk, "-" for nothing. */
export function cacheRow(status: CacheStatusView): string {
  const present = [
    status.standardExists ? 'standard' : null,
    status.originalExists ? 'original' : null,
    status.metadataExists ? 'metadata' : null,
    status.incomplete ? 'INCOMPLETE' : null,
    status.fromOtherSite ? `from ${status.site ?? 'another site'}` : null,
  ].filter((part) => part !== null);
  const folder = status.folder ? `  ${status.folder}` : '';
  return `${String(status.neuronId).padStart(8)}  ${(present.join(' ') || '-').padEnd(28)}${folder}`;
}

export function neuronLines(neuron: NeuronView): string[] {
  const list = (values: string[]) => (values.length > 0 ? values.join(', ') : '-');
  const lines = [
    `neuron ${neuron.neuronId}: ${neuron.name}`,
    `archive:        ${neuron.archive ?? '-'}`,
    `species:        ${neuron.species ?? '-'}`,
    `brain region:   ${list(neuron.brainRegion)}`,
    `cell type:      ${list(neuron.cellType)}`,
    `original file:  ${neuron.originalFormat ?? '-'}`,
    `standard SWC:   ${neuron.urls.standardSwc ?? '-'}`,
    `original URL:   ${neuron.urls.originalFile ?? '-'}`,
    `measurement:    ${neuron.urls.measurement}`,
    `thumbnail:      ${neuron.urls.thumbnail ?? '-'}`,
    `cache:          ${cacheSummary(neuron.cacheStatus)}`,
  ];
  const measurement = neuron.measurement;
  if (measurement) {
    lines.push('measurement:');
    for (const [name, value] of Object.entries(measurement)) {
      if (value !== null) lines.push(`  ${name.padEnd(20)} ${value}`);
    }
  } else if (measurement === null) {
    lines.push('measurement:    none');
  }
  return lines;
}

function cacheSummary(status: CacheStatusView): string {
  if (!status.configured) return 'off (the gateway has no cache folder)';
  if (!status.exists) return 'not downloaded';
  const files = cacheRow(status)
    .trim()
    .replace(/^\d+\s+/, '');
  return files;
}
