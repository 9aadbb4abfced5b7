/** One Server-Sent Event: its `event` name ("message" when the stream names none) and its data lines joined. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Reads an HTTP body as Server-Sent Events (the WHATWG framing: `field: value` lines, an empty line ends
 * an event, `:` lines are comments such as keep-alives). Only `event` and `data` matter to a GraphQL
 * stream, so `id` and `retry` are read and dropped. A last event without its closing empty line is dropped,
 * as the standard says: it may be cut in the middle.
 */
export async function* readSseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffered = '';
  let event = '';
  let data: string[] = [];
  for await (const chunk of chunksOf(body)) {
    buffered += decoder.decode(chunk, { stream: true });
    // A `\r` at the very end may be the first half of `\r\n`: keep it for the next chunk.
    const lines = buffered.split(/\r\n|\r(?!$)|\n/);
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  }
}

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopping early (the dataset ended, Ctrl-C) closes the connection instead of leaving it open.
    await reader.cancel().catch(() => undefined);
  }
}
