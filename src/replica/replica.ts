/**
 * createReplica(): an offline NeuroMorpho.Org (API, files, thumbnails) over real HTTP, for tests,
 * benchmarks and demos. See the module comments of api/ and files/ for which behaviours are recorded
 * (fixtures/upstream) and which are synthesized.
 */
import type { AddressInfo } from 'node:net';
import type { ApiContext } from './api/context.js';
import { handleSiteRequest } from './api/handle-request.js';
import { apiRoutes } from './api/routes.js';
import { createThumbnailPng } from './files/png.js';
import { loadFixtures, resolveFixturesDir } from './fixtures.js';
import { createFaultStore } from './http/fault-store.js';
import { createRequestLog } from './http/request-log.js';
import { createReplicaServer } from './http/server.js';
import { buildPopulation, type Population, validatePopulationSize } from './population/population.js';
import {
  createLiteratureFieldIndex,
  createMorphometryFieldIndex,
  createNeuronFieldIndex,
} from './query/index-fields.js';
import type { Replica, ReplicaOptions } from './types.js';

export type { FaultRule, PopulationSummary, Replica, ReplicaOptions, RequestLogEntry } from './types.js';

export async function createReplica(options: ReplicaOptions = {}): Promise<Replica> {
  const size = options.size ?? 5000;
  const seed = options.seed ?? 1;
  validatePopulationSize(size);
  const fixtures = await loadFixtures(resolveFixturesDir(options.fixturesDir));
  const log = createRequestLog();
  const faults = createFaultStore(seed);
  for (const rule of options.faults ?? []) faults.add(rule);
  const routes = apiRoutes();
  // The population's links need the port, known only once listening; nothing is answered before then.
  let ctx: ApiContext | undefined;
  let population: Population | undefined;
  const replicaServer = createReplicaServer({
    log,
    faults,
    get population() {
      return population?.summary ?? { ids: [], recordedIds: [], generatedIds: [], missingFileIds: [] };
    },
    site: (req) => {
      if (ctx === undefined) throw new Error('replica is still starting');
      return handleSiteRequest(routes, req, ctx);
    },
  });
  const { server } = replicaServer;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(options.host ?? '127.0.0.1')}:${port}`;
  const base = options.publicUrl?.replace(/\/$/, '') ?? url;
  try {
    population = buildPopulation({ fixtures, size, seed, base });
    ctx = createContext(population, fixtures, options, seed, base);
  } catch (error) {
    await replicaServer.close();
    throw error;
  }
  const { summary } = population;
  return {
    url,
    port,
    log: log.entries,
    clearLog: () => log.clear(),
    count: (filter) => log.count(filter),
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear(), list: () => faults.list() },
    population: summary,
    close: () => replicaServer.close(),
  };
}

function createContext(
  population: Population,
  fixtures: ApiContext['fixtures'],
  options: ReplicaOptions,
  seed: number,
  base: string,
): ApiContext {
  const literatureNames = fixtures.literatureFields['Literature Fields'];
  let thumbnail: Buffer | undefined;
  return {
    population,
    fixtures,
    base,
    seed,
    neuronFields: createNeuronFieldIndex(),
    morphometryFields: createMorphometryFieldIndex(),
    literatureFields: createLiteratureFieldIndex(
      Array.isArray(literatureNames) ? literatureNames.map(String) : [],
    ),
    largeFiles: largeFileSizes(population, options.largeFiles ?? {}),
    thumbnail: () => {
      thumbnail ??= createThumbnailPng();
      return thumbnail;
    },
  };
}

/** Fails start-up for an unknown neuron or a bad size, rather than 404ing later. */
function largeFileSizes(population: Population, sizes: Record<number, number>): Map<number, number> {
  const largeFiles = new Map<number, number>();
  for (const [id, bytes] of Object.entries(sizes)) {
    if (!population.byId.has(Number(id)))
      throw new RangeError(`largeFiles: no neuron ${id} in the population`);
    if (!Number.isSafeInteger(bytes) || bytes < 0)
      throw new RangeError(`largeFiles: invalid size ${bytes} for ${id}`);
    largeFiles.set(Number(id), bytes);
  }
  return largeFiles;
}

/** Links must be reachable: a wildcard bind address is reached through loopback. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
