import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from './context.js';
import { decodeGlobalId, encodeGlobalId } from './global-id.js';

/**
 * The Pothos builder. Following Pothos's app layout, type modules register on this builder when
 * imported, and src/schema/schema.ts imports them all and builds the schema once.
 */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: { JSON: { Input: unknown; Output: unknown } };
  DefaultFieldNullability: false;
}>({
  plugins: [RelayPlugin, ComplexityPlugin],
  // Costs are declared where lists are fetched (search size, ids, first/last); limits are enforced per
  // request by src/server/limits/use-query-limits.ts, so they can be configured at start.
  complexity: { defaultComplexity: 1, defaultListMultiplier: 1 },
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesQueryOptions: false,
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
  },
});
