import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registerCleanup } from '../../support/cleanup.js';
import { startGateway } from '../../support/gateway.js';
import { tempDir } from '../../support/temp-dir.js';

const recordedNeuron = readFileSync(
  fileURLToPath(new URL('../../../fixtures/upstream/neuron_name_cnic_001.json', import.meta.url)),
);

/** An HTTPS NeuroMorpho stand-in with a self-signed certificate, as a misconfigured upstream presents. */
async function startSelfSignedUpstream(): Promise<string> {
  const dir = await tempDir('nmg-tls-');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1'].concat([
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]),
    { encoding: 'utf8' },
  );
  expect(made.status, made.stderr).toBe(0);
  const server = createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (request, response) => {
      if (request.url === '/api/neuron/name/cnic_001') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(recordedNeuron);
      } else {
        response.writeHead(404).end();
      }
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registerCleanup(() => new Promise((resolve) => server.close(resolve)));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const query = '{ neuron: neuronByName(name: "cnic_001") { name } }';

describe('upstream TLS settings', () => {
  it('refuses an upstream certificate that does not verify, by default', async () => {
    const gateway = await startGateway(await startSelfSignedUpstream(), { UPSTREAM_RETRIES: '1' });
    const answer = await gateway.execute<{ neuron: { name: string } | null }, object>(query);
    expect(answer.data?.neuron ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
  });

  it('UPSTREAM_TLS_INSECURE=true (with a cipher list) reaches it', async () => {
    const gateway = await startGateway(await startSelfSignedUpstream(), {
      UPSTREAM_TLS_INSECURE: 'true',
      UPSTREAM_TLS_CIPHERS: 'HIGH:!DH:!aNULL',
    });
    const answer = await gateway.execute<{ neuron: { name: string } | null }, object>(query);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.neuron?.name).toBe(JSON.parse(recordedNeuron.toString()).neuron_name);
  });
});
