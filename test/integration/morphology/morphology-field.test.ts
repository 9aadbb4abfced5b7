import { beforeEach, describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 300 });
const apiRequests = () => replica.count({ pathPrefix: '/api' });
const fileRequests = () => replica.count({ pathPrefix: '/dableFiles' });
const filePaths = () =>
  replica.log.filter((entry) => entry.path.startsWith('/dableFiles')).map((e) => e.path);

const PAGE_QUERY = '{ search(size: 50) { items { neuronId morphology { summary { length nBifs } } } } }';

interface PageAnswer {
  search: {
    items: Array<{ neuronId: number; morphology: { summary: { length: number; nBifs: number } } | null }>;
  };
}

interface Summary604 {
  neuron: {
    measurement: { surface: number; volume: number; somaSurface: number; nBifs: number; nStems: number };
    morphology: {
      somaType: string;
      nodes: number;
      textEncoding: string;
      issueCounts: Array<{ code: string; count: number }>;
      summary: {
        surface: number;
        volume: number;
        somaSurface: number;
        nBifs: number;
        nStems: number;
        nodes: number;
      };
      neurites: Array<{ type: string; summary: { nodes: number; somaSurface: number | null } }>;
    };
  };
}

const SUMMARY_604 = `{ neuron(id: 604) {
  measurement { surface volume somaSurface nBifs nStems }
  morphology { somaType nodes textEncoding issueCounts { code count }
    summary { surface volume somaSurface nBifs nStems nodes }
    neurites { type summary { nodes somaSurface } } } } }`;

function expectPage(answer: { data?: PageAnswer | null; errors?: unknown }) {
  expect(answer.errors).toBeUndefined();
  const items = answer.data?.search.items ?? [];
  expect(items).toHaveLength(50);
  for (const item of items) {
    expect(item.morphology?.summary.length).toBeGreaterThan(0);
    expect(item.morphology?.summary.nBifs).toBeGreaterThanOrEqual(0);
  }
  return items;
}

beforeEach(() => {
  replica.faults.clear();
  replica.clearLog();
});

describe('Neuron.morphology on a cold gateway', async () => {
  const gateway = await startGateway(replica.url, { CACHE_STORE: 'memory' });

  it('a page of 50 makes its API requests plus one file request per neuron; the same page again none', async () => {
    const cold = await gateway.execute<PageAnswer, never>(PAGE_QUERY);
    expectPage(cold);
    expect(apiRequests()).toBe(1);
    expect(filePaths()).toHaveLength(50);
    expect(new Set(filePaths()).size).toBe(50);
    expect(filePaths().every((path) => path.endsWith('.CNG.swc'))).toBe(true);

    replica.clearLog();
    const warm = await gateway.execute<PageAnswer, never>(PAGE_QUERY);
    expect(warm.data).toEqual(cold.data);
    expect(apiRequests() + fileRequests()).toBe(0);
  });

  it('20 concurrent queries for one neuron make one file request', async () => {
    const query = '{ neuron(id: 700005) { morphology { nodes summary { length } } } }';
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        gateway.execute<{ neuron: { morphology: { nodes: number } } }, never>(query),
      ),
    );
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.neuron.morphology.nodes).toBeGreaterThan(0);
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer.data))).size).toBe(1);
    expect(fileRequests()).toBe(1);
  });

  it("neuron 604's surface, volume and soma surface agree with NeuroMorpho's record within 0.1 %", async () => {
    const { data, errors } = await gateway.execute<Summary604, never>(SUMMARY_604);
    expect(errors).toBeUndefined();
    const morphology = data?.neuron.morphology;
    const recorded = { surface: 512417.0, volume: 390413.0, somaSurface: 45238.9 };
    for (const [name, value] of Object.entries(recorded)) {
      const computed = morphology?.summary[name as keyof typeof recorded] ?? Number.NaN;
      expect(Math.abs(computed - value) / value).toBeLessThan(0.001);
    }
    expect(morphology?.somaType).toBe('THREE_POINT');
    expect(morphology?.textEncoding).toBe('UTF_8');
    expect(morphology?.summary.nodes).toBe(morphology?.nodes);
    // The replica's morphometry describes its own file for the counts.
    expect(morphology?.summary.nBifs).toBe(data?.neuron.measurement.nBifs);
    expect(morphology?.summary.nStems).toBe(data?.neuron.measurement.nStems);
    expect(morphology?.issueCounts.filter((count) => count.code === 'DUPLICATE_ID')).toEqual([]);
    expect(morphology?.neurites.length).toBeGreaterThan(0);
    for (const neurite of morphology?.neurites ?? []) expect(neurite.summary.somaSurface).toBeNull();
  });
});

describe('Neuron.morphology with downloaded neurons', async () => {
  const cacheDir = await tempDir();
  const gateway = await startGateway(replica.url, { CACHE_DIR: cacheDir, CACHE_STORE: 'memory' });

  it('reads the standard file of a downloaded neuron from disk: no file request for it', async () => {
    const downloaded = [1, 604];
    for (const id of downloaded) {
      const { errors } = await gateway.execute(
        `mutation { downloadNeuron(id: ${id}, mode: STANDARD) { neuron { neuronId } } }`,
      );
      expect(errors).toBeUndefined();
    }
    replica.clearLog();
    const items = expectPage(await gateway.execute<PageAnswer, never>(PAGE_QUERY));
    expect(items.map((item) => item.neuronId)).toEqual(expect.arrayContaining(downloaded));
    expect(filePaths()).toHaveLength(50 - downloaded.length);
    expect(filePaths().some((path) => path.includes('v_e_moto1'))).toBe(false);
  });
});
