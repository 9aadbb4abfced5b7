/** The GraphQL documents the scenarios send. */

/** The population the nested scenarios page through (the replica holds >= 500 rats at size 5000). */
export const NESTED_Q = 'species:rat';
export const NESTED_SORT = 'neuron_id,asc';

/** Scenario 1's nested detail query: N neurons with measurement, file URL and cache status. */
export const NESTED_QUERY = /* GraphQL */ `
  query Nested($q: String!, $size: Int!) {
    search(q: $q, size: $size, page: 0, sort: "neuron_id,asc") {
      items {
        neuronId
        name
        measurement { length nBifs }
        urls { standardSwc }
        cacheStatus { exists }
      }
    }
  }
`;

/** Pages of N the distinct-query runs go round (all warmed first): 20 x 20 = 400 warm records. */
export const DISTINCT_PAGES = 20;
/** The nested query with the page as a variable: scenario 2's distinct queries over warm records. */
export const DISTINCT_QUERY = NESTED_QUERY.replace(
  'query Nested($q: String!, $size: Int!)',
  'query Nested($q: String!, $size: Int!, $page: Int!)',
).replace('page: 0,', 'page: $page,');

export const DOWNLOAD_MUTATION = /* GraphQL */ `
  mutation Download($id: Int!) {
    downloadNeuron(id: $id, mode: STANDARD, overwrite: true) {
      items { filename downloadedNow bytes sha256 url }
    }
  }
`;

export interface NestedItem {
  neuronId: number;
  name: string;
  measurement: { length: number | null; nBifs: number | null } | null;
  urls: { standardSwc: string | null };
  cacheStatus: { exists: boolean };
}

/** The items of a nested answer, whichever system sent it (the Mesh peer nests them differently). */
export function nestedItems(data: unknown): unknown[] {
  const search = (data as { search?: Record<string, unknown> } | null)?.search;
  if (search === undefined) return [];
  if (Array.isArray(search.items)) return search.items;
  const embedded = search._embedded as { neuronResources?: unknown[] } | undefined;
  return embedded?.neuronResources ?? [];
}
