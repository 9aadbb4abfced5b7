/**
 * Peer (b): GraphQL Mesh v1 over the replica's REST endpoints. A JSON-schema source
 * (`@omnigraph/json-schema`) is composed into a supergraph with `@graphql-mesh/compose-cli`, then served
 * by the Hive gateway runtime (`@graphql-hive/gateway-runtime`) on node:http, in this process.
 *
 * Batching: `Neuron.measurement` uses Mesh's in-context SDK with `key`/`argsFromKeys`/`valuesFromResults`
 * (a DataLoader per request inside Mesh), so a page of N neurons costs one `/api/morphometry/select`
 * request, as the gateway does. `urls` and `cacheStatus` are plain additional resolvers (pure / one
 * `access()` per neuron).
 */
import { access } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { getComposedSchemaFromConfig } from '@graphql-mesh/compose-cli';
import { loadJSONSchemaSubgraph } from '@omnigraph/json-schema';
import type { GraphQLResolveInfo } from 'graphql';

export interface MeshPeer {
  url: string;
  graphqlUrl: string;
  /** The GraphQL document asking for the same data as the gateway's nested query. */
  query: string;
  close(): Promise<void>;
}

export interface MeshPeerOptions {
  /** Replica site base, e.g. http://127.0.0.1:4010 (API under /api, files under /dableFiles). */
  siteUrl: string;
  /** Folder whose `{neuronId}` sub-folders mean "cached" (as the gateway's CACHE_DIR). */
  cacheDir: string;
}

const MEASUREMENT_SCHEMA = {
  title: 'Measurement',
  type: 'object',
  properties: {
    neuron_id: { type: 'integer' },
    length: { type: 'number' },
    n_bifs: { type: 'number' },
    n_stems: { type: 'number' },
    surface: { type: 'number' },
  },
};

const NEURON_SCHEMA = {
  title: 'Neuron',
  type: 'object',
  properties: {
    neuron_id: { type: 'integer' },
    neuron_name: { type: 'string' },
    archive: { type: 'string' },
    species: { type: 'string' },
    original_format: { type: 'string' },
  },
};

const STRING = { type: 'string' };
const INTEGER = { type: 'integer' };

const operations = [
  {
    type: 'Query',
    field: 'search',
    method: 'GET',
    path: '/neuron/select',
    argTypeMap: { q: STRING, size: INTEGER, page: INTEGER, sort: STRING },
    queryParamArgMap: { q: 'q', size: 'size', page: 'page', sort: 'sort' },
    responseSchema: {
      title: 'SearchPage',
      type: 'object',
      properties: {
        _embedded: {
          title: 'SearchEmbedded',
          type: 'object',
          properties: { neuronResources: { type: 'array', items: NEURON_SCHEMA } },
        },
        page: {
          title: 'PageInfo',
          type: 'object',
          properties: { totalElements: { type: 'integer' }, totalPages: { type: 'integer' } },
        },
      },
    },
  },
  {
    type: 'Query',
    field: 'morphometrySelect',
    method: 'GET',
    path: '/morphometry/select',
    argTypeMap: { q: STRING, size: INTEGER, page: INTEGER },
    queryParamArgMap: { q: 'q', size: 'size', page: 'page' },
    responseSchema: {
      title: 'MorphometryPage',
      type: 'object',
      properties: {
        _embedded: {
          title: 'MorphometryEmbedded',
          type: 'object',
          properties: { measurements: { type: 'array', items: MEASUREMENT_SCHEMA } },
        },
      },
    },
  },
];

const ADDITIONAL_TYPE_DEFS = /* GraphQL */ `
  type NeuronUrls { standardSwc: String }
  type NeuronCacheStatus { exists: Boolean! }
  extend type Neuron {
    measurement: Measurement
    urls: NeuronUrls!
    cacheStatus: NeuronCacheStatus!
  }
`;

interface NeuronRoot {
  neuron_id?: number;
  neuron_name?: string;
  archive?: string;
}

interface MorphometryPage {
  _embedded?: { measurements?: Array<{ neuron_id?: number } | null> };
}

/** What the in-context SDK offers for one root field (the batching form of Mesh's delegation). */
type SdkCall = (options: {
  root: unknown;
  context: unknown;
  info: GraphQLResolveInfo;
  key: number;
  argsFromKeys: (keys: readonly number[]) => Record<string, unknown>;
  valuesFromResults: (page: MorphometryPage, keys: readonly number[]) => unknown[];
  selectionSet: string;
}) => Promise<unknown>;

interface MeshContext {
  NeuroMorpho: { Query: { morphometrySelect: SdkCall } };
}

// The same percent-encoding as the gateway and the reference client: every reserved character.
function pct(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * compose-cli calls process.exit(1) when a subgraph fails to load; inside the benchmark that would end the
 * whole run, so for the duration of the composition it throws instead.
 */
async function composeWithoutExit<T>(compose: () => Promise<T>): Promise<T> {
  const exit = process.exit;
  process.exit = ((code?: number) => {
    throw new Error(`Mesh composition failed (it asked to exit with code ${code ?? 0})`);
  }) as typeof process.exit;
  try {
    return await compose();
  } finally {
    process.exit = exit;
  }
}

export async function startMeshPeer(options: MeshPeerOptions): Promise<MeshPeer> {
  const site = options.siteUrl.replace(/\/+$/, '');
  const silent = {
    log: () => {},
    info: () => {},
    debug: () => {},
    warn: () => {},
    error: (...args: unknown[]) => console.error(...args),
    child: () => silent,
  };
  const supergraph = await composeWithoutExit(() =>
    getComposedSchemaFromConfig(
      {
        subgraphs: [
          {
            sourceHandler: loadJSONSchemaSubgraph('NeuroMorpho', {
              endpoint: `${site}/api`,
              operations,
            } as Parameters<typeof loadJSONSchemaSubgraph>[1]),
          },
        ],
      },
      silent as unknown as Parameters<typeof getComposedSchemaFromConfig>[1],
    ),
  );

  const gateway = createGatewayRuntime({
    supergraph,
    logging: false,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    additionalTypeDefs: ADDITIONAL_TYPE_DEFS,
    additionalResolvers: {
      Neuron: {
        measurement: {
          selectionSet: '{ neuron_id }',
          resolve: (root: NeuronRoot, _args: unknown, context: MeshContext, info: GraphQLResolveInfo) =>
            context.NeuroMorpho.Query.morphometrySelect({
              root,
              context,
              info,
              key: root.neuron_id ?? -1,
              argsFromKeys: (keys) => ({ q: `neuron_id:${keys.join(',')}`, size: 500, page: 0 }),
              valuesFromResults: (page, keys) => {
                const byId = new Map<number, unknown>();
                for (const m of page._embedded?.measurements ?? []) {
                  if (m?.neuron_id !== undefined) byId.set(m.neuron_id, m);
                }
                return keys.map((key) => byId.get(key) ?? null);
              },
              selectionSet: '{ _embedded { measurements { neuron_id length n_bifs n_stems surface } } }',
            }),
        },
        urls: {
          selectionSet: '{ neuron_name archive }',
          resolve: (root: NeuronRoot) => ({
            standardSwc:
              root.archive && root.neuron_name
                ? `${site}/dableFiles/${pct(root.archive.toLowerCase())}/CNG%20version/${pct(root.neuron_name)}.CNG.swc`
                : null,
          }),
        },
        cacheStatus: {
          selectionSet: '{ neuron_id }',
          resolve: async (root: NeuronRoot) => ({
            exists: await access(join(options.cacheDir, String(root.neuron_id))).then(
              () => true,
              () => false,
            ),
          }),
        },
      },
    },
  } as Parameters<typeof createGatewayRuntime>[0]);

  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    query: /* GraphQL */ `
      query Nested($q: String!, $size: Int!) {
        search(q: $q, size: $size, page: 0, sort: "neuron_id,asc") {
          _embedded {
            neuronResources {
              neuron_id
              neuron_name
              measurement { length n_bifs }
              urls { standardSwc }
              cacheStatus { exists }
            }
          }
        }
      }
    `,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await gateway.dispose();
    },
  };
}
