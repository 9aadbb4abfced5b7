import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './json-scalar.js';
import './neuron.js';
import './cache-status.js';
import './search.js';
import './search-connection.js';
import './fields.js';
import './download.js';
import './dataset.js';

builder.queryType({ description: 'Read access to NeuroMorpho.Org through the gateway.' });
builder.mutationType({ description: 'Changes to the on-disk neuron cache (need write access; see README).' });
builder.subscriptionType({ description: 'Live progress, over Server-Sent Events.' });

let schema: GraphQLSchema | undefined;

/** Builds the schema once; Pothos types are registered by the imports above. */
export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSchema({ sortSchema: false });
  return schema;
}
