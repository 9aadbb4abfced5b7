import type { GraphiQLOptions } from 'graphql-yoga';
import { type CompressedVariants, compressVariants } from './compression.js';
import { contentTag } from './content-tag.js';

/** Where GraphiQL's static files are served; every name carries its content hash. */
export const GRAPHIQL_ASSET_PREFIX = '/graphiql/assets/';

export interface StaticAsset {
  contentType: string;
  /** Strong ETag from the content hash. */
  etag: string;
  variants: CompressedVariants;
}

interface Bundle {
  html: (options: GraphiQLOptions) => string;
  assets: Map<string, Promise<StaticAsset>>;
}

/** File names need less than an ETag: 16 characters (96 bits) keep them short. */
const hashOf = (bytes: Buffer) => contentTag(bytes).slice(0, 16);

/** `data:image/x-icon;base64,...` -> its type and bytes. */
function fromDataUrl(url: string): { type: string; bytes: Buffer } {
  const match = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(url);
  if (!match) return { type: 'image/x-icon', bytes: Buffer.alloc(0) };
  const [, type = 'application/octet-stream', base64, data = ''] = match;
  return { type, bytes: base64 ? Buffer.from(data, 'base64') : Buffer.from(decodeURIComponent(data)) };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON for an inline <script>: `</script>` and friends cannot end the element early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * GraphiQL as a small HTML page plus static, content-hashed files (its code, styles, editor workers,
 * icon), instead of the 9 MB page with everything inlined: a browser fetches the files once and keeps
 * them (`immutable`), compressed. The code is the same bundle yoga's own renderer inlines, loaded only
 * when GraphiQL is first asked for, so a gateway that never serves it never pays for it.
 */
export function createGraphiQLAssets() {
  let bundle: Promise<Bundle> | undefined;

  async function load(): Promise<Bundle> {
    const code = await import('@graphql-yoga/render-graphiql/graphiql');
    const icon = fromDataUrl(code.favicon);
    const files: Array<{ name: string; ext: string; type: string; bytes: Buffer }> = [
      { name: 'graphiql', ext: 'js', type: 'text/javascript; charset=utf-8', bytes: Buffer.from(code.js) },
      { name: 'graphiql', ext: 'css', type: 'text/css; charset=utf-8', bytes: Buffer.from(code.css) },
      {
        name: 'editor.worker',
        ext: 'js',
        type: 'text/javascript; charset=utf-8',
        bytes: Buffer.from(code.editorWorkerService),
      },
      {
        name: 'json.worker',
        ext: 'js',
        type: 'text/javascript; charset=utf-8',
        bytes: Buffer.from(code.jsonWorker),
      },
      {
        name: 'graphql.worker',
        ext: 'js',
        type: 'text/javascript; charset=utf-8',
        bytes: Buffer.from(code.graphqlWorker),
      },
      { name: 'favicon', ext: 'ico', type: icon.type, bytes: icon.bytes },
    ];
    const urls: Record<string, string> = {};
    const assets = new Map<string, Promise<StaticAsset>>();
    for (const file of files) {
      const hash = hashOf(file.bytes);
      const fileName = `${file.name}.${hash}.${file.ext}`;
      urls[`${file.name}.${file.ext}`] = `${GRAPHIQL_ASSET_PREFIX}${fileName}`;
      // Compressed once, off the event loop (zlib's thread pool), while the page is being parsed.
      const asset = compressVariants(file.bytes).then((variants) => ({
        contentType: file.type,
        etag: `"${hash}"`,
        variants,
      }));
      asset.catch(() => undefined);
      assets.set(fileName, asset);
    }
    const workers = {
      editorWorkerService: urls['editor.worker.js'],
      json: urls['json.worker.js'],
      graphql: urls['graphql.worker.js'],
    };
    const html = (options: GraphiQLOptions) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="${urls['favicon.ico']}" />
    <link rel="stylesheet" href="${urls['graphiql.css']}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script>
      const workers = ${scriptJson(workers)};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
    </script>
    <script src="${urls['graphiql.js']}"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson(options)});
    </script>
  </body>
</html>
`;
    return { html, assets };
  }

  const loaded = () => {
    bundle ??= load();
    return bundle;
  };

  return {
    /** yoga's `renderGraphiQL`: the page that loads the hashed files. */
    async render(options: GraphiQLOptions): Promise<string> {
      return (await loaded()).html(options);
    },
    /** The asset for `/graphiql/assets/{name}`, or null when there is none by that name. */
    async asset(name: string): Promise<StaticAsset | null> {
      const assets = (await loaded()).assets;
      return (await assets.get(name)) ?? null;
    },
  };
}

export type GraphiQLAssets = ReturnType<typeof createGraphiQLAssets>;
