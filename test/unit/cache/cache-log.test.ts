import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createCacheLog } from '../../../src/cache/cache-log.js';

function capture() {
  const lines: Array<{ level: number; msg: string; suppressed?: number; operation?: string }> = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, callback) {
        lines.push(JSON.parse(String(chunk)));
        callback();
      },
    }),
  );
  return { lines, logger };
}

describe('the response cache log', () => {
  it('logs failed operations at most once per interval, counting the ones it left out', () => {
    const { lines, logger } = capture();
    let now = 0;
    const log = createCacheLog(logger, { intervalMs: 10_000, now: () => now });
    for (let i = 0; i < 1000; i++) log.error(new Error('timeout'), 'read');
    expect(lines).toHaveLength(1);
    now = 10_000;
    log.error(new Error('timeout'), 'write');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ level: 40, operation: 'write', suppressed: 999 });
  });

  it('logs one line per change of availability', () => {
    const { lines, logger } = capture();
    const log = createCacheLog(logger);
    log.availability({ available: false, cause: new Error('ECONNREFUSED') });
    log.availability({ available: true });
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [40, 'response cache unavailable, answering from NeuroMorpho and skipping the cache until it is back'],
      [30, 'response cache available again'],
    ]);
  });
});
