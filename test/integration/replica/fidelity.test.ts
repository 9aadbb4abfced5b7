/**
 * The fidelity suite: every recorded request listed in fixtures/upstream/SOURCES.md, replayed against the
 * replica, must answer the recorded body byte for byte (whitespace aside, links rewritten to the replica),
 * totals and order included, whatever the generated population size.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fetchText, startReplica } from '../../support/replica.js';

const upstream = new URL('../../../fixtures/upstream/', import.meta.url);
const readFixture = (name: string): Promise<string> => readFile(new URL(name, upstream), 'utf8');

interface RecordedRequest {
  file: string;
  url: string;
}

/** Rows of the SOURCES.md table: | `file` ... | `GET <url>` ... |. The DERIVED file has no request. */
async function recordedRequests(): Promise<RecordedRequest[]> {
  const sources = await readFixture('SOURCES.md');
  const rows = sources.matchAll(/^\| `([^`]+)`[^|]*\| `GET (https?:\/\/neuromorpho\.org\/[^`\s]+)`/gm);
  return [...rows].map(([, file = '', url = '']) => ({ file, url }));
}

/** JSON text without whitespace outside strings: the fixtures were re-indented, the server's were not. */
function minify(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i] ?? '';
    if (inString) {
      out += c;
      if (c === '\\') out += json[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

const rewrite = (text: string, base: string): string =>
  text.replaceAll('"http://neuromorpho.org', `"${base}`);
const toReplica = (url: string, base: string): string => url.replace(/^https?:\/\/neuromorpho\.org/, base);

const requests = await recordedRequests();
const replicas = {
  'size 0 (recorded + fill only)': await startReplica({ size: 0 }),
  'size 5000': await startReplica(),
};

it('SOURCES.md lists a request for every recorded fixture but the derived one', async () => {
  expect(requests.map((r) => r.file).sort()).toEqual([
    'error_404_neuron_name_AA1544.json',
    'health.json',
    'literature_fields.json',
    'literature_fields_tracingSystem.json',
    'literature_partition_tracingSystem.json',
    'literature_select_q-species_mouse.json',
    'morphometry_name_cnic_001.json',
    'neuron_fields.json',
    'neuron_fields_species.json',
    'neuron_id_1.json',
    'neuron_name_cnic_001.json',
    'neuron_partition_species.json',
    'neuron_select_q-neuron_name_CB_CKp25_2w_F_Animal01_star.PARTIAL.json',
    'neuron_select_q-species_cat-rat-monkey_fq-stain-region-strain.json',
    'neuron_select_q-species_cat_page0.json',
    'pvec_id_1.EMPTY_BODY.txt',
  ]);
});

describe.each(Object.entries(replicas))('replica with %s', (_label, replica) => {
  const complete = requests.filter((r) => !r.file.includes('PARTIAL') && !r.file.includes('EMPTY_BODY'));

  it.each(complete)('$file: answers the recorded body', async ({ file, url }) => {
    const { status, text } = await fetchText(replica, toReplica(url, replica.url).slice(replica.url.length));
    expect(status).toBe(file.startsWith('error_404') ? 404 : 200);
    const expected = rewrite(minify(await readFixture(file)), replica.url);
    expect(text).toBe(expected);
    expect(JSON.parse(text)).toEqual(JSON.parse(expected));
  });

  it('pvec_id_1.EMPTY_BODY.txt: 200 with an empty body', async () => {
    const { status, text } = await fetchText(replica, '/api/pvec/id/1');
    expect(status).toBe(200);
    expect(text).toBe(await readFixture('pvec_id_1.EMPTY_BODY.txt'));
  });

  it('PARTIAL: the CB_CKp25 wildcard finds exactly the 15 published names, sorted', async () => {
    const partial = JSON.parse(
      await readFixture('neuron_select_q-neuron_name_CB_CKp25_2w_F_Animal01_star.PARTIAL.json'),
    );
    const { text } = await fetchText(
      replica,
      toReplica(partial.request_url, replica.url).slice(replica.url.length),
    );
    const body = JSON.parse(text);
    const names = body._embedded.neuronResources.map((r: { neuron_name: string }) => r.neuron_name);
    expect(names).toHaveLength(partial.record_count);
    expect(names).toEqual(partial.neuron_names_sorted);
    expect(body.page.totalElements).toBe(15);
    expect(body._embedded.neuronResources.every((r: { archive: string }) => r.archive === 'Siegert')).toBe(
      true,
    );
  });

  it('PARTIAL: Trace009 Source-Version file has the published 2042 rows and first row', async () => {
    const partial = JSON.parse(
      await readFixture('neuron_select_q-neuron_name_CB_CKp25_2w_F_Animal01_star.PARTIAL.json'),
    );
    const { status, text } = await fetchText(
      replica,
      toReplica(partial.source_version_url_example, replica.url).slice(replica.url.length),
    );
    expect(status).toBe(200);
    const rows = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(rows).toHaveLength(partial.source_version_file_rows);
    expect(rows[0]).toBe('1 1 41.318 34.824 0.606 0.689 -1');
  });

  it('morphometry of neuron 1 by id is the recorded body, counts sent as floats', async () => {
    const { text } = await fetchText(replica, '/api/morphometry/id/1');
    expect(text).toContain('"n_stems":6.0');
    expect(text).toContain('"fragmentation":1274.0');
    expect(text).toContain('"neuron_id":1,');
    expect(text).toBe(minify(await readFixture('morphometry_name_cnic_001.json')));
  });

  it('the 404 body for an unknown name is the recorded one', async () => {
    const { status, text } = await fetchText(replica, '/api/neuron/name/AA1544');
    expect(status).toBe(404);
    expect(text).toBe(minify(await readFixture('error_404_neuron_name_AA1544.json')));
  });

  it('every recorded record is served byte for byte by id and by name', async () => {
    const records = JSON.parse(await readFixture('neuron_records_all_unique.DERIVED.json')) as {
      neuron_id: number;
      neuron_name: string;
    }[];
    expect(records).toHaveLength(71);
    for (const record of records) {
      const expected = rewrite(JSON.stringify(record), replica.url);
      expect((await fetchText(replica, `/api/neuron/id/${record.neuron_id}`)).text).toBe(expected);
      expect(
        (await fetchText(replica, `/api/neuron/name/${encodeURIComponent(record.neuron_name)}`)).text,
      ).toBe(expected);
    }
  });

  it('the recorded cat query continues past page 0 with the 101 synthetic cats, none recorded twice', async () => {
    const pages = await Promise.all(
      [0, 1, 2, 3, 4].map(async (page) =>
        JSON.parse((await fetchText(replica, `/api/neuron/select?q=species:cat&page=${page}`)).text),
      ),
    );
    const ids = pages.flatMap((p) =>
      (p._embedded?.neuronResources ?? []).map((r: { neuron_id: number }) => r.neuron_id),
    );
    expect(ids).toHaveLength(151);
    expect(new Set(ids).size).toBe(151);
    expect(pages[4]._embedded).toBeUndefined();
    expect(ids.slice(50).every((id: number) => replica.population.generatedIds.includes(id))).toBe(true);
    expect([...ids.map(String)].sort()).toEqual(ids.map(String));
  });
});
