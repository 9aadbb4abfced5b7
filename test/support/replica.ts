/**
 * Test kit: start a replica for one test file. Call at module top level or in a describe body (not in a
 * hook): `const replica = await startReplica({ size: 500 });`. The replica closes after the file's tests.
 */
import { createReplica, type Replica, type ReplicaOptions } from '../../src/replica/replica.js';
import { registerCleanup } from './cleanup.js';

export async function startReplica(options: ReplicaOptions = {}): Promise<Replica> {
  const started = createReplica(options);
  // Registered before awaiting, so vitest attaches it to the suite being collected.
  registerCleanup(async () => {
    const replica = await started.catch(() => undefined);
    await replica?.close();
  });
  return started;
}

/** GET/POST a replica path and return status, headers and the raw body text. */
export async function fetchText(
  replica: Replica,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${replica.url}${path}`, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** GET a replica path and parse its JSON body (throws on a non-JSON answer). */
export async function fetchJson<T = unknown>(
  replica: Replica,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const { status, text } = await fetchText(replica, path, init);
  return { status, body: JSON.parse(text) as T };
}
