import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { startGateway } from '../../support/gateway.js';
import { startReplica } from '../../support/replica.js';
import { tempDir } from '../../support/temp-dir.js';

const replica = await startReplica({ size: 20 });

describe('a masked failure', () => {
  it('reaches the client as "Unexpected error." and the log with its cause and the request id', async () => {
    // A cache root below a plain file: every path under it fails with ENOTDIR, which no code expects.
    const parent = await tempDir();
    await writeFile(join(parent, 'a-file'), 'not a folder');
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    const gateway = await startGateway(
      replica.url,
      { CACHE_DIR: join(parent, 'a-file', 'cache') },
      { logger },
    );

    const response = await gateway.post(
      { query: 'mutation { downloadNeuron(id: 1, mode: STANDARD) { folder } }' },
      { 'x-request-id': 'trace-me-42' },
    );
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: object }> };
    expect(body.errors[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(body)).not.toMatch(/ENOTDIR|a-file|\s+at /);

    const logged = lines.filter((line) => line.msg === 'unexpected error, answered as "Unexpected error."');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 50,
      requestId: 'trace-me-42',
      path: ['downloadNeuron'],
      err: expect.objectContaining({ code: 'ENOTDIR' }),
    });
  });

  it('an expected failure (a stable code) is not logged as unexpected', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => void lines.push(line) },
    });
    const gateway = await startGateway(replica.url, { CACHE_DIR: await tempDir() }, { logger });
    const { errors } = await gateway.execute('mutation { downloadNeuron(id: 999999999) { folder } }');
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(lines.filter((line) => line.includes('unexpected error'))).toEqual([]);
  });
});
