import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A module for a child's `--import`: it registers a resolve hook that writes `resolved <specifier>` to
 * stderr each time one of `specifiers` is imported (in the thread that runs the hook: the main thread).
 * Returns its path.
 */
export function importReporter(specifiers: readonly string[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'nmg-import-reporter-'));
  const hooks = join(folder, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { writeSync } from 'node:fs';
const watched = new Set(${JSON.stringify(specifiers)});
export async function resolve(specifier, context, next) {
  if (watched.has(specifier)) writeSync(2, 'resolved ' + specifier + '\\n');
  return next(specifier, context);
}
`,
  );
  const register = join(folder, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  return register;
}
