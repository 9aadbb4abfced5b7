/**
 * The floor for a cold nested query: the two upstream requests the gateway makes (the search page, then
 * one batched morphometry select for its ids), sent one after the other with undici and parsed, with
 * nothing else. The URLs are the ones the gateway itself sent, read from the replica's log.
 */
import { getJson } from '../lib/http.js';

export async function twoRoundTrips(
  siteUrl: string,
  searchPath: string,
  morphometryPath: string,
): Promise<void> {
  const page = (await getJson(`${siteUrl}${searchPath}`)) as { _embedded?: { neuronResources?: unknown[] } };
  if ((page._embedded?.neuronResources?.length ?? 0) === 0) throw new Error('direct search: empty page');
  const measurements = (await getJson(`${siteUrl}${morphometryPath}`)) as {
    _embedded?: { measurements?: unknown[] };
  };
  if ((measurements._embedded?.measurements?.length ?? 0) === 0) throw new Error('direct morphometry: empty');
}
