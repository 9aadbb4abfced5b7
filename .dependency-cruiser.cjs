/**
 * The layering of src/, checked on every `npm test` (`npm run check:deps`). The lower layers (disk,
 * cache, upstream) never reach up into GraphQL or HTTP; resolvers reach the disk only through the
 * DiskCache service, and never the file system itself.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'lower-layer-imports-schema-or-server',
      comment: 'disk/, cache/ and upstream/ serve the schema and the server; they must not depend on them.',
      severity: 'error',
      from: { path: '^src/(disk|cache|upstream)/' },
      to: { path: '^src/(schema|server)/' },
    },
    {
      name: 'schema-touches-file-system',
      comment: 'Resolvers read and write the cache through the DiskCache service (src/disk/disk-cache.ts).',
      severity: 'error',
      from: { path: '^src/schema/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?fs(/promises)?$' },
    },
    {
      name: 'schema-bypasses-disk-cache',
      comment:
        'Resolvers and loaders use the DiskCache service; of the rest of src/disk they may import types only.',
      severity: 'error',
      from: { path: '^src/(schema|loaders)/' },
      to: { path: '^src/disk/(?!disk-cache[.]ts$)', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count too: they are how the rules above tell a type from a function.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Only src/ is cruised (`depcruise src`), and packages are not followed: that keeps `npm test` quick.
  },
};
