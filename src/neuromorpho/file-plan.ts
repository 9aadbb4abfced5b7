import { safeFileStem } from './file-stem.js';
import { originalExtension, originalFileUrl, standardSwcUrl } from './file-urls.js';
import { InvalidDownloadModeError } from './invalid-download-mode-error.js';
import type { DownloadMode, FilePlanItem, NeuronRecord, SiteUrls } from './types.js';

/** What a plan reads from a neuron; a full NeuronRecord fits. */
export type PlannedNeuron = Pick<NeuronRecord, 'name' | 'archive' | 'originalFormat'>;

export const DOWNLOAD_MODES: readonly DownloadMode[] = ['standard', 'original', 'both'];

/** Why a plan item is skipped. Stable text: clients and metadata.json show it; each names its cause. */
export const SKIP_REASONS = {
  missingArchive: 'missing archive',
  missingOriginalFormat: 'missing original_format',
  noExtension: 'original_format has no file extension',
} as const;

export type SkipReason = (typeof SKIP_REASONS)[keyof typeof SKIP_REASONS];

/** `standard`, `original` or `both`, in any case; anything else is the caller's input error. */
export function parseDownloadMode(s: string): DownloadMode {
  const mode = s.toLowerCase();
  for (const known of DOWNLOAD_MODES) if (known === mode) return known;
  throw new InvalidDownloadModeError(
    `download mode must be one of ${DOWNLOAD_MODES.join(', ')}, got ${JSON.stringify(s.slice(0, 40))}`,
  );
}

// Skipped items carry the bare stem, as the reference's skipped original does; nothing is written for them.
function skipped(kind: FilePlanItem['kind'], stem: string, reason: SkipReason): FilePlanItem {
  return { kind, url: '', filename: stem, skip: true, reason };
}

function standardItem(n: PlannedNeuron, stem: string, site: SiteUrls): FilePlanItem {
  const url = standardSwcUrl(n, site);
  if (url === null) return skipped('standard', stem, SKIP_REASONS.missingArchive);
  return { kind: 'standard', url, filename: `${stem}.CNG.swc`, skip: false, reason: null };
}

function originalItem(n: PlannedNeuron, stem: string, site: SiteUrls): FilePlanItem {
  if (n.originalFormat === null || n.originalFormat.trim() === '') {
    return skipped('original', stem, SKIP_REASONS.missingOriginalFormat);
  }
  const ext = originalExtension(n.originalFormat);
  if (ext === null) return skipped('original', stem, SKIP_REASONS.noExtension);
  const url = originalFileUrl(n, site);
  if (url === null) return skipped('original', stem, SKIP_REASONS.missingArchive);
  return { kind: 'original', url, filename: `${stem}${ext}`, skip: false, reason: null };
}

/** The reference's file_plan, pure: standard first, then original; unbuildable items kept as skipped. */
export function filePlan(n: PlannedNeuron, mode: DownloadMode, site: SiteUrls): FilePlanItem[] {
  const stem = safeFileStem(n.name);
  const items: FilePlanItem[] = [];
  if (mode === 'standard' || mode === 'both') items.push(standardItem(n, stem, site));
  if (mode === 'original' || mode === 'both') items.push(originalItem(n, stem, site));
  return items;
}
