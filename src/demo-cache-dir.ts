import { dirname, join, resolve } from 'node:path';
import { ConfigError, configSource, defaultCacheDir } from './config.js';

/**
 * The cache folder `npm run demo` writes to: its own folder beside the real one
 * (`~/.cache/neuromorpho-gateway-demo`), never the real one, because the replica's synthetic neurons
 * share their ids with real NeuroMorpho neurons and a real install would later find them there.
 * An explicit CACHE_DIR is honoured unless it is the real default folder; `off` disables downloads.
 */
export function demoCacheDir(
  env: Record<string, string | undefined>,
  argv: readonly string[],
): string | null {
  const real = defaultCacheDir(env);
  const chosen = configSource(env, argv).CACHE_DIR;
  if (chosen === 'off') return null;
  if (chosen === undefined) return join(dirname(real), 'neuromorpho-gateway-demo');
  if (resolve(chosen) === resolve(real)) {
    throw new ConfigError([
      `CACHE_DIR ${chosen} is the real cache folder: the demo's replica neurons would be taken for real ones ` +
        'there; give the demo a folder of its own (or leave CACHE_DIR unset)',
    ]);
  }
  return chosen;
}
