import { safeFileStem } from './file-stem.js';
import { originalExtension, originalFileUrl, standardSwcUrl } from './file-urls.js';
import { pythonStrRepr } from './python-repr.js';
import { skipReservedName } from './reserved-names.js';
import type { DownloadMode, FilePlanItem, NeuronRecord, SiteUrls } from './types.js';

/** What a plan reads from a neuron; a full NeuronRecord fits. */
export type PlannedNeuron = Pick<NeuronRecord, 'name' | 'archive' | 'originalFormat'>;

export const DOWNLOAD_MODES: readonly DownloadMode[] = ['standard', 'original', 'both'];

/**
 * Why a plan item is skipped. Stable text: clients and metadata.json show it; each names its cause. The
 * original_format texts are the reference client's own; it has none for a missing archive (it raises),
 * so those two name the URL that could not be built.
 */
export const SKIP_REASONS = {
  missingArchive: 'original file URL could not be constructed (missing archive)',
  standardMissingArchive: 'standard SWC URL could not be constructed (missing archive)',
  missingOriginalFormat: 'This neuron does not expose an original_format field.',
} as const;

export type SkipReason =
  | (typeof SKIP_REASONS)[keyof typeof SKIP_REASONS]
  | ReturnType<typeof noExtensionReason>;

/** The reference's text for an original_format without a usable extension, the value as Python's repr. */
export function noExtensionReason(originalFormat: string): string {
  return `Cannot infer original file extension from original_format=${pythonStrRepr(originalFormat)}.`;
}

// Skipped items carry the bare stem, as the reference's skipped original does; nothing is written for them.
function skipped(kind: FilePlanItem['kind'], stem: string, reason: SkipReason): FilePlanItem {
  return { kind, url: '', filename: stem, skip: true, reason };
}

function standardItem(n: PlannedNeuron, stem: string, site: SiteUrls): FilePlanItem {
  const url = standardSwcUrl(n, site);
  if (url === null) return skipped('standard', stem, SKIP_REASONS.standardMissingArchive);
  return { kind: 'standard', url, filename: `${stem}.CNG.swc`, skip: false, reason: null };
}

function originalItem(n: PlannedNeuron, stem: string, site: SiteUrls): FilePlanItem {
  // As the reference: only null or "" count as missing; blank text has no extension instead.
  if (n.originalFormat === null || n.originalFormat === '') {
    return skipped('original', stem, SKIP_REASONS.missingOriginalFormat);
  }
  const ext = originalExtension(n.originalFormat);
  if (ext === null) return skipped('original', stem, noExtensionReason(n.originalFormat));
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
  return items.map((item) => skipReservedName(item, stem));
}
