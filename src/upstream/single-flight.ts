import type { RequestOptions, UpstreamHttp } from './http.js';

interface Flight {
  clientKey: string;
  /** It has had a slot from the budget: it waits in no client's queue. */
  started: boolean;
  promise: Promise<unknown>;
}

/**
 * Shares one upstream GET between every caller asking for the same URL while it is in flight, so N
 * concurrent GraphQL requests for the same data cost NeuroMorpho one request (file streams are not
 * shared: downloads are deduplicated per neuron instead). A caller's abort signal is not forwarded to
 * the shared request: one impatient caller must not fail the others.
 *
 * A request still waiting in the budget's queue waits in its client's turn, so another client joins it
 * only once it has its slot; before that, the other client's request goes in that client's own turn (at
 * the cost of a second upstream request, charged to it). Otherwise a client could queue the URLs others
 * are likely to ask for behind a backlog of its own and make them wait out its whole queue.
 */
export function withSingleFlight(http: UpstreamHttp): UpstreamHttp & { inFlight(): number } {
  const pending = new Map<string, Flight[]>();

  function start(url: string, options: RequestOptions | undefined): Flight {
    const { signal: _ignored, onSlot, ...shared } = options ?? {};
    const flight: Flight = { clientKey: shared.clientKey ?? '', started: false, promise: Promise.resolve() };
    const markStarted = () => {
      flight.started = true;
      onSlot?.();
    };
    flight.promise = http.getJson(url, { ...shared, onSlot: markStarted }).finally(() => {
      const left = (pending.get(url) ?? []).filter((other) => other !== flight);
      if (left.length > 0) pending.set(url, left);
      else pending.delete(url);
    });
    pending.set(url, [...(pending.get(url) ?? []), flight]);
    return flight;
  }

  return {
    getJson(url: string, options?: RequestOptions) {
      const clientKey = options?.clientKey ?? '';
      const joinable = pending.get(url)?.find((flight) => flight.started || flight.clientKey === clientKey);
      return (joinable ?? start(url, options)).promise;
    },
    openStream: (url, options) => http.openStream(url, options),
    inFlight: () => [...pending.values()].reduce((sum, flights) => sum + flights.length, 0),
  };
}
