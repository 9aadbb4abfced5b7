import { describe, expect, it } from 'vitest';
import { parseSwc, summarize } from '../../../src/morphology/index.js';
import { sig6 } from '../../../src/replica/json.js';
import { fetchJson, fetchText, startReplica } from '../../support/replica.js';

const replica = await startReplica({ size: 300, seed: 7 });

type Json = Record<string, unknown>;

async function morphometry(id: number): Promise<Json> {
  return (await fetchJson<Json>(replica, `/api/morphometry/id/${id}`)).body;
}

async function standardFile(id: number): Promise<string> {
  const record = (await fetchJson<Json>(replica, `/api/neuron/id/${id}`)).body;
  const path = `/dableFiles/${String(record.archive).toLowerCase()}/CNG%20version/${encodeURIComponent(String(record.neuron_name))}.CNG.swc`;
  const file = await fetchText(replica, path);
  expect(file.status).toBe(200);
  return file.text;
}

/** What the gateway's morphology module measures in the served bytes, in morphometry's names. */
function measuredFrom(text: string): Json {
  const s = summarize(parseSwc(text).tree);
  return {
    surface: sig6(s.surface),
    volume: sig6(s.volume),
    soma_Surface: s.somaSurface === null ? null : sig6(s.somaSurface),
    n_stems: s.nStems,
    n_bifs: s.nBifs,
    n_branch: s.nBranch,
    width: sig6(s.width),
    height: sig6(s.height),
    depth: sig6(s.depth),
    diameter: s.diameter === null ? null : sig6(s.diameter),
    eucDistance: sig6(s.euclideanDistance),
    pathDistance: sig6(s.pathDistance),
    branch_Order: s.branchOrder,
    contraction: s.contraction === null ? null : sig6(s.contraction),
    fragmentation: s.fragmentation,
    partition_asymmetry: s.partitionAsymmetry === null ? null : sig6(s.partitionAsymmetry),
    bif_ampl_local: s.bifAmplLocal === null ? null : sig6(s.bifAmplLocal),
    bif_ampl_remote: s.bifAmplRemote === null ? null : sig6(s.bifAmplRemote),
    length: sig6(s.length),
  };
}

describe('replica morphometry agrees with the files it serves', () => {
  it('generated and fill neurons: every file-determined value is the module measuring the served bytes', async () => {
    const ids = [
      ...replica.population.generatedIds.slice(0, 6),
      ...replica.population.generatedIds.slice(-4),
    ];
    for (const id of ids) {
      const text = await standardFile(id);
      expect(await morphometry(id)).toMatchObject(measuredFrom(text));
    }
  });

  it('a generated neuron record states the soma surface, surface and volume of its morphometry', async () => {
    const id = replica.population.generatedIds[3] ?? 0;
    const record = (await fetchJson<Json>(replica, `/api/neuron/id/${id}`)).body;
    const measured = await morphometry(id);
    expect(Number(record.surface)).toBe(measured.surface);
    expect(Number(record.volume)).toBe(measured.volume);
    expect(Number(record.soma_surface)).toBe(measured.soma_Surface);
  });

  it('list and select answers carry the same measured values as the single record', async () => {
    const id = replica.population.generatedIds[5] ?? 0;
    const single = await morphometry(id);
    const selected = await fetchJson<{ _embedded: { measurements: Json[] } }>(
      replica,
      `/api/morphometry/select?q=neuron_id:${id}`,
    );
    expect(selected.body._embedded.measurements[0]).toEqual(single);
  });

  it('neuron 604 keeps its recorded surface, volume and soma surface; its counts come from its real file', async () => {
    const measured = await morphometry(604);
    expect(measured).toMatchObject({ surface: 512417, volume: 390413, soma_Surface: 45238.9 });
    const fromFile = measuredFrom(await standardFile(604));
    expect(measured).toMatchObject({
      n_stems: fromFile.n_stems,
      n_bifs: fromFile.n_bifs,
      fragmentation: fromFile.fragmentation,
      length: fromFile.length,
      width: fromFile.width,
    });
  });

  it('a recorded neuron with a generated file keeps what its record states and measures the rest', async () => {
    const id = replica.population.recordedIds.find((n) => n !== 1 && n !== 604 && n < 650000) ?? 0;
    const record = (await fetchJson<Json>(replica, `/api/neuron/id/${id}`)).body;
    const measured = await morphometry(id);
    const fromFile = measuredFrom(await standardFile(id));
    if (typeof record.surface === 'string') expect(measured.surface).toBe(sig6(Number(record.surface)));
    expect(measured).toMatchObject({ fragmentation: fromFile.fragmentation, length: fromFile.length });
  });
});
