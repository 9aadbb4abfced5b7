/** HAL page bodies, written as text so record bytes (and morphometry floats) pass through untouched. */
import { type Paging, pageInfo } from '../query/paging.js';

/**
 * Select bodies as recorded: `_embedded` then `page`, no top-level `_links`; `_embedded` is omitted
 * when the page is empty (recorded for literature, assumed for the others, as clients expect).
 */
export function selectBody(key: string, items: readonly string[], paging: Paging, total: number): string {
  const embedded = items.length > 0 ? `"_embedded":{${JSON.stringify(key)}:[${items.join(',')}]},` : '';
  return `{${embedded}"page":${pageInfo(paging, total)}}`;
}

/**
 * Unrecorded list bodies (`/api/neuron`, `/api/morphometry`): Spring HATEOAS layout `_embedded`, `_links`
 * (first, prev, self, next, last), `page`. The link layout is the spec's inference, not a recording.
 */
export function listBody(
  key: string,
  items: readonly string[],
  paging: Paging,
  total: number,
  selfHref: (page: number) => string,
): string {
  const lastPage = Math.max(0, Math.ceil(total / paging.size) - 1);
  const links: [string, number][] = [['first', 0]];
  if (paging.page > 0) links.push(['prev', paging.page - 1]);
  links.push(['self', paging.page]);
  if (paging.page < lastPage) links.push(['next', paging.page + 1]);
  links.push(['last', lastPage]);
  const linkText = links
    .map(([rel, page]) => `${JSON.stringify(rel)}:{"href":${JSON.stringify(selfHref(page))}}`)
    .join(',');
  const embedded = items.length > 0 ? `"_embedded":{${JSON.stringify(key)}:[${items.join(',')}]},` : '';
  return `{${embedded}"_links":{${linkText}},"page":${pageInfo(paging, total)}}`;
}

/** Query string of a page link, sort rendered per order like Spring (`sort=neuron_id,asc`). */
export function pageQuery(
  page: number,
  size: number,
  orders: readonly { property: string; direction: string }[],
): string {
  const sorts = orders.map((order) => `&sort=${order.property},${order.direction}`).join('');
  return `page=${page}&size=${size}${sorts}`;
}
