/**
 * Baseline (b): GraphQL Mesh / Hive gateway, from bench/peers (its own package.json and node_modules).
 * Loaded by a computed path so that neither the type check nor a run without `npm install` in
 * bench/peers depends on it: when it cannot be loaded the scenario reports why and goes on.
 */
import { existsSync } from 'node:fs';

export interface MeshPeer {
  url: string;
  graphqlUrl: string;
  query: string;
  close(): Promise<void>;
}

interface MeshModule {
  startMeshPeer(options: { siteUrl: string; cacheDir: string }): Promise<MeshPeer>;
}

export type MeshStart = { ok: true; peer: MeshPeer } | { ok: false; reason: string };

const PEERS_DIR = new URL('../peers/', import.meta.url);

export async function startMesh(siteUrl: string, cacheDir: string): Promise<MeshStart> {
  if (!existsSync(new URL('node_modules/@graphql-hive/gateway-runtime/package.json', PEERS_DIR))) {
    return { ok: false, reason: 'bench/peers is not installed: run `npm --prefix bench/peers install`' };
  }
  try {
    const moduleUrl = new URL('mesh-gateway.ts', PEERS_DIR).href;
    const mesh = (await import(moduleUrl)) as MeshModule;
    return { ok: true, peer: await mesh.startMeshPeer({ siteUrl, cacheDir }) };
  } catch (error) {
    return { ok: false, reason: `Mesh peer failed to start: ${(error as Error).stack ?? String(error)}` };
  }
}
