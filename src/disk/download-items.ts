import type { FilePlanItem, NeuronRecord } from '../neuromorpho/types.js';
import { resolveInsideRoot } from './confine.js';
import type { DownloadItemResult } from './downloader.js';
import type { FolderView } from './folder-view.js';
import { regularFileSize } from './no-follow.js';
import { namesOnDisk } from './original-names.js';

const EXISTS_REASON = 'already_exists';

/**
 * What a download does with each planned file, decided before anything is fetched or written:
 * skipped items keep their reason; a file already there is kept (`already_exists`) only when the folder
 * is trusted (metadata.json present, written for this site) and `overwrite` is off; everything else is
 * fetched now. A file fetched again replaces the name already on disk (the reference's `{stem}.xml` for
 * a Custom.xml original), so no second copy appears beside it.
 */
export async function decideItems(
  neuron: Pick<NeuronRecord, 'originalFormat'>,
  plan: readonly FilePlanItem[],
  folder: string,
  view: FolderView | null,
  overwrite: boolean,
): Promise<DownloadItemResult[]> {
  return Promise.all(
    plan.map(async (item): Promise<DownloadItemResult> => {
      if (item.skip) {
        const path = resolveInsideRoot(folder, item.filename);
        return {
          ...item,
          path,
          downloadedNow: false,
          onDisk: false,
          reason: item.reason,
          bytes: null,
          sha256: null,
        };
      }
      const present = namesOnDisk(item, neuron).find((name) => view?.files.has(name) ?? false);
      const filename = present ?? item.filename;
      const path = resolveInsideRoot(folder, filename);
      const keep = present !== undefined && view?.trusted === true && !overwrite;
      return {
        ...item,
        filename,
        path,
        downloadedNow: !keep,
        // Fetched now or kept: either way there once the download returns (a failed one returns nothing).
        onDisk: true,
        reason: keep ? EXISTS_REASON : null,
        bytes: keep ? await regularFileSize(path) : null,
        sha256: null,
      };
    }),
  );
}
