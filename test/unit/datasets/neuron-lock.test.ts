import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withNeuronLock } from '../../../src/disk/neuron-lock.js';
import { tempDir } from '../../support/temp-dir.js';

describe('withNeuronLock', () => {
  it('runs holders of one neuron one after the other, others at once, and leaves nothing behind', async () => {
    const root = await tempDir();
    const events: string[] = [];
    const hold = (id: number, name: string) =>
      withNeuronLock(root, id, async () => {
        events.push(`${name}+`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        events.push(`${name}-`);
      });
    await Promise.all([hold(1, 'a'), hold(1, 'b'), hold(2, 'c')]);
    // a and b never overlap; c ran beside them.
    const ab = events.filter((event) => !event.startsWith('c'));
    expect([ab[0]?.[1], ab[1]?.[1], ab[2]?.[1], ab[3]?.[1]]).toEqual(['+', '-', '+', '-']);
    expect(ab[0]?.[0]).toBe(ab[1]?.[0]);
    expect(events.indexOf('c+')).toBeLessThan(events.indexOf(`${ab[1]}`));
    expect(await readdir(root)).toEqual([]);
  });

  it('releases the lock when the task throws', async () => {
    const root = await tempDir();
    await expect(withNeuronLock(root, 3, async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await expect(withNeuronLock(root, 3, async () => 'again')).resolves.toBe('again');
  });
});
