import { describe, expect, it } from 'vitest';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';
import { createOrThrow, DATASET_FIELDS, type DatasetView } from './support.js';

const replica = await startReplica({ size: 500 });
const gateway = await startGateway(replica.url, { CACHE_DIR: await tempDir(), DOWNLOAD_CONCURRENCY: '2' });

interface SseEvent {
  event: string;
  data: string;
}

/** Reads a text/event-stream body to its end, event by event. */
async function readEvents(response: Response): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let end = buffered.indexOf('\n\n');
    while (end !== -1) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const event = { event: 'message', data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event.event = line.slice(6).trim();
        else if (line.startsWith('data:')) event.data += line.slice(5).trim();
      }
      if (block.trim() !== '' && !block.startsWith(':')) events.push(event);
      end = buffered.indexOf('\n\n');
    }
  }
  return events;
}

describe('datasetProgress over Server-Sent Events', () => {
  it('delivers snapshots in order and ends with DONE', async () => {
    const created = await createOrThrow(gateway, { limit: 120, mode: 'STANDARD' });
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: `subscription ($id: ID!) { datasetProgress(id: $id) { ${DATASET_FIELDS} } }`,
        variables: { id: created.id },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const events = await readEvents(response);
    const snapshots = events
      .filter((event) => event.event === 'next')
      .map((event) => {
        const payload = JSON.parse(event.data) as {
          data?: { datasetProgress: DatasetView };
          errors?: unknown;
        };
        expect(payload.errors).toBeUndefined();
        return payload.data?.datasetProgress as DatasetView;
      });
    expect(events.at(-1)?.event).toBe('complete');
    // More than the first and the last: progress came in between.
    expect(snapshots.length).toBeGreaterThan(2);
    const finished = snapshots.map((s) => s.done + s.skipped + s.failed);
    for (let i = 1; i < finished.length; i++)
      expect(finished[i]).toBeGreaterThanOrEqual(finished[i - 1] as number);
    const last = snapshots.at(-1) as DatasetView;
    expect(last.status).toBe('DONE');
    expect(last.done + last.skipped + last.failed).toBe(120);
    expect(snapshots.slice(0, -1).every((s) => s.status !== 'DONE')).toBe(true);
  });

  it('an unknown id answers NOT_FOUND', async () => {
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { datasetProgress(id: "ds_0000000000000000") { id } }' }),
    });
    const events = await readEvents(response);
    const first = JSON.parse(events[0]?.data ?? '{}') as {
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    expect(first.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
