import { BadUserInputError } from '../errors.js';
import type { NeuronRecord } from '../neuromorpho/types.js';
import { MAX_PAGE_SIZE } from '../upstream/client-types.js';
import { builder } from './builder.js';
import type { GatewayContext } from './context.js';
import { NeuronRef } from './neuron.js';
import { coveringPage, decodeOffsetCursor, encodeOffsetCursor } from './offset-cursor.js';
import { NeuronFilterInput } from './search.js';
import { type CompiledSearch, checkPageSize, compileSearch } from './search-args.js';

const DEFAULT_FIRST = 20;

interface RangeResult {
  items: NeuronRecord[];
  totalElements: number;
}

/** Reads items [start, start + count) of a search, in one upstream page when possible, else two. */
async function readRange(context: GatewayContext, search: CompiledSearch, start: number, count: number) {
  if (count === 0) {
    const probe = await context.client.searchNeurons({ ...search, page: 0, size: 1 });
    return { items: [], totalElements: probe.totalElements } satisfies RangeResult;
  }
  const covering = coveringPage(start, count, MAX_PAGE_SIZE);
  const pages = covering
    ? [covering]
    : [
        { page: Math.floor(start / count), size: count },
        { page: Math.floor(start / count) + 1, size: count },
      ];
  const results = await Promise.all(pages.map((p) => context.client.searchNeurons({ ...search, ...p })));
  const items: NeuronRecord[] = [];
  results.forEach((result, index) => {
    const pageStart = (pages[index]?.page ?? 0) * (pages[index]?.size ?? 0);
    result.items.forEach((item, i) => {
      const position = pageStart + i;
      if (position >= start && position < start + count) items.push(item);
    });
  });
  context.loaders.primeNeurons(items);
  return { items, totalElements: results[0]?.totalElements ?? 0 } satisfies RangeResult;
}

builder.queryField('searchConnection', (t) =>
  t.connection(
    {
      type: NeuronRef,
      description:
        'Relay-style paging over a search (first/after or last/before). A neuron NeuroMorpho lists twice ' +
        'within one call is returned once, as the reference client drops ids it has yielded. Cursors are ' +
        'stateless offsets, so nothing is remembered between calls: a neuron returned by an earlier call can ' +
        'come again on a later page when NeuroMorpho repeats it or its order shifts.',
      complexity: (args) => ({
        field: 2,
        multiplier: Math.max(1, Math.min(args.first ?? args.last ?? DEFAULT_FIRST, 500)),
      }),
      args: {
        q: t.arg.string(),
        filter: t.arg({ type: NeuronFilterInput }),
        fq: t.arg.stringList(),
        sort: t.arg.string({ required: true, defaultValue: 'neuron_id,asc' }),
      },
      resolve: async (_root, args, context) => {
        if (args.first != null && args.last != null)
          throw new BadUserInputError('give first or last, not both');
        const search = compileSearch(args);
        let start: number;
        let count: number;
        if (args.last != null || args.before != null) {
          const last = args.last ?? DEFAULT_FIRST;
          checkPageSize('last', last, 0);
          const end = args.before != null ? decodeOffsetCursor(args.before) : null;
          if (end === null)
            throw new BadUserInputError('last needs a before cursor', { argumentName: 'before' });
          start = Math.max(0, end - last);
          count = end - start;
        } else {
          const first = args.first ?? DEFAULT_FIRST;
          checkPageSize('first', first, 0);
          start = args.after != null ? decodeOffsetCursor(args.after) + 1 : 0;
          count = first;
        }
        const { items, totalElements } = await readRange(context, search, start, count);
        const seen = new Set<number>();
        const edges = items.flatMap((node, i) => {
          if (seen.has(node.neuronId)) return [];
          seen.add(node.neuronId);
          return [{ cursor: encodeOffsetCursor(start + i), node }];
        });
        return {
          totalCount: totalElements,
          edges,
          pageInfo: {
            hasPreviousPage: start > 0,
            hasNextPage: start + items.length < totalElements,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
        };
      },
    },
    {
      name: 'NeuronConnection',
      fields: (tc) => ({
        totalCount: tc.int({
          description: 'Matches in all, as NeuroMorpho counts them.',
          resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
        }),
      }),
    },
    { name: 'NeuronEdge' },
  ),
);
