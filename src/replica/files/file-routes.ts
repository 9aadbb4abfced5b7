/**
 * The static file tree (spec §8). Recorded: the URL layout; archive folder = `archive` lower-cased.
 * Choices where nothing is recorded: the archive folder and the fixed folder names (`CNG version`,
 * `Source-Version`, ...) match case-insensitively (neuromorphr's `FirstLower` archive spelling worked,
 * hinting a case-insensitive server); neuron names match exactly. `/images/imageFiles/<Archive as-is>/`
 * matches the archive case-insensitively too. Neurons in `missingFileIds` answer 404 for every
 * `/dableFiles` path (thumbnails still answer), like the ids swcgeom found 404ing.
 */
import type { ApiContext } from '../api/context.js';
import type { Reply } from '../http/reply.js';
import type { NeuronEntry } from '../population/entry.js';
import { largeSwcChunks } from './large-swc.js';
import * as files from './neuron-files.js';
import { cngHeader } from './swc-format.js';

const TEXT = { 'Content-Type': 'text/plain' };
const BINARY = { 'Content-Type': 'application/octet-stream' };

export function fileReply(segments: readonly string[], ctx: ApiContext): Reply {
  const [root, ...rest] = segments;
  if (root === 'images' && rest[0] === 'imageFiles' && rest.length === 3) {
    const entry = lookup(ctx, rest[1] ?? '', rest[2] ?? '', '.png', (e) => e.archive.toLowerCase());
    return entry === undefined
      ? notFound()
      : { status: 200, headers: { 'Content-Type': 'image/png' }, body: ctx.thumbnail() };
  }
  if (root !== 'dableFiles') return notFound();
  if (rest[0] === 'previous' && rest[1] === 'v6.1' && rest.length === 4) {
    const entry = available(lookup(ctx, rest[2] ?? '', rest[3] ?? '', '.CNG.swc'));
    const linked =
      entry !== undefined && String(entry.record.note ?? '').includes('dableFiles/previous/v6.1/');
    return linked
      ? { status: 200, headers: TEXT, body: files.previousVersionSwc(entry, ctx.seed) }
      : notFound();
  }
  if (rest.length !== 3) return notFound();
  const [archive = '', folder = '', file = ''] = rest;
  switch (folder.toLowerCase()) {
    case 'cng version': {
      const entry = available(lookup(ctx, archive, file, '.CNG.swc'));
      return entry === undefined ? notFound() : standardReply(entry, ctx);
    }
    case 'source-version': {
      const entry = available(originalLookup(ctx, archive, file));
      if (entry === undefined) return notFound();
      const isText = /\.(swc|asc|txt)$/i.test(file);
      return { status: 200, headers: isText ? TEXT : BINARY, body: files.originalFile(entry, ctx.seed) };
    }
    case 'standardization log': {
      const entry = available(lookup(ctx, archive, file, '.std'));
      return entry === undefined
        ? notFound()
        : { status: 200, headers: TEXT, body: files.standardizationLog(entry, ctx.seed) };
    }
    case 'remaining issues': {
      const entry = available(lookup(ctx, archive, file, '.CNG.swc.std'));
      return entry === undefined
        ? notFound()
        : { status: 200, headers: TEXT, body: files.remainingIssues(entry, ctx.seed) };
    }
    default:
      return notFound();
  }
}

function standardReply(entry: NeuronEntry, ctx: ApiContext): Reply {
  const large = ctx.largeFiles.get(entry.id);
  if (large === undefined) return { status: 200, headers: TEXT, body: files.standardSwc(entry, ctx.seed) };
  const header = cngHeader(entry.name, entry.originalFormat, ctx.seed);
  return {
    status: 200,
    headers: TEXT,
    body: { length: large, chunks: () => largeSwcChunks(large, header, entry.shape.seed) },
  };
}

function lookup(
  ctx: ApiContext,
  archive: string,
  file: string,
  suffix: string,
  folderOf: (entry: NeuronEntry) => string = (entry) => entry.archive.toLowerCase(),
): NeuronEntry | undefined {
  if (!file.endsWith(suffix)) return undefined;
  const entry = ctx.population.byName.get(file.slice(0, -suffix.length));
  return entry !== undefined && folderOf(entry) === archive.toLowerCase() ? entry : undefined;
}

/** Names may contain dots, so try every split of `<name><ext>` against the neuron's expected names. */
function originalLookup(ctx: ApiContext, archive: string, file: string): NeuronEntry | undefined {
  for (let dot = file.indexOf('.'); dot > 0; dot = file.indexOf('.', dot + 1)) {
    const entry = ctx.population.byName.get(file.slice(0, dot));
    if (entry === undefined || entry.archive.toLowerCase() !== archive.toLowerCase()) continue;
    if (files.originalFileNames(entry).includes(file)) return entry;
  }
  return undefined;
}

function available(entry: NeuronEntry | undefined): NeuronEntry | undefined {
  return entry?.filesMissing === true ? undefined : entry;
}

/** The file server's 404 is an HTML page on the real site (not the API's JSON); its text is unrecorded. */
function notFound(): Reply {
  const html =
    '<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n';
  return { status: 404, headers: { 'Content-Type': 'text/html' }, body: Buffer.from(html) };
}
