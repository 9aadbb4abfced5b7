/**
 * Baseline (c): a bare graphql-yoga server answering the nested query's shape from memory (precomputed
 * items, default resolvers, no plugins, no upstream): the ceiling of this stack on this machine.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import type { NestedItem } from '../lib/queries.js';

const TYPE_DEFS = /* GraphQL */ `
  type Query {
    search(q: String, size: Int! = 20, page: Int! = 0, sort: String! = "neuron_id,asc"): SearchPage!
  }
  type SearchPage { items: [Neuron!]! }
  type Neuron {
    neuronId: Int!
    name: String!
    measurement: Measurement
    urls: NeuronUrls!
    cacheStatus: CacheStatus!
  }
  type Measurement { length: Float nBifs: Int }
  type NeuronUrls { standardSwc: String }
  type CacheStatus { exists: Boolean! }
`;

export interface BareYoga {
  graphqlUrl: string;
  close(): Promise<void>;
}

export async function startBareYoga(items: readonly NestedItem[]): Promise<BareYoga> {
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: TYPE_DEFS,
      resolvers: {
        Query: { search: (_root: unknown, args: { size: number }) => ({ items: items.slice(0, args.size) }) },
      },
    }),
    graphqlEndpoint: '/graphql',
    logging: false,
    landingPage: false,
    graphiql: false,
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
