import { NotFoundError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { NeuronRecord } from '../../neuromorpho/types.js';
import type { CallOptions, NeuroMorphoClient } from '../../upstream/client-types.js';
import { isMorphologyPath, type MorphologyRoute, parseMorphologyRoute } from '../morphology-route.js';
import type { StandardSwcSource } from '../standard-swc-source.js';
import { type GeneratedFile, generatedFileAnswer } from './generated-file-answer.js';
import { textAnswer } from './json-answer.js';
import { routeFailureAnswer } from './route-failure-answer.js';
import type { FrontPlugin } from './server-context.js';

export interface MorphologyRouteOptions {
  client: NeuroMorphoClient;
  standardSwc: StandardSwcSource;
  logger: Logger;
}

/**
 * An hour: a browser or CDN shows a drawing that long without asking (the file changes only when
 * NeuroMorpho publishes a new version), then revalidates with If-None-Match, which costs a cache read
 * and a 304, no upstream request while the analysis is cached.
 */
const CACHE_CONTROL = 'public, max-age=3600';

/** On every answer of these routes: public data, readable by pages on any origin, as /files is. */
const COMMON_HEADERS = {
  'access-control-allow-origin': '*',
  'x-content-type-options': 'nosniff',
};

/** An SVG opened on its own is a document that could run script: it may load nothing and run nothing. */
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

function noMorphology(neuron: NeuronRecord): never {
  throw new NotFoundError(`neuron ${neuron.neuronId} has no standard file (no archive)`);
}

/** ASCII and UTF-8 are read as UTF-8; anything else as latin1, which takes every byte (the parser's rule). */
function charsetOf(bytes: Uint8Array): 'utf-8' | 'iso-8859-1' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'iso-8859-1';
  }
}

async function fileFor(
  route: MorphologyRoute,
  options: MorphologyRouteOptions,
  call: CallOptions,
): Promise<GeneratedFile> {
  const neuron = await options.client.getNeuron(route.neuronId, call);
  if (route.kind === 'swc') {
    const bytes = await options.standardSwc.bytes(neuron, call);
    return {
      bytes,
      contentType: `text/plain; charset=${charsetOf(bytes)}`,
      compressible: true,
      headers: { 'cache-control': CACHE_CONTROL },
    };
  }
  const morphology = (await options.client.getMorphology(neuron, call)) ?? noMorphology(neuron);
  if (route.kind === 'png') {
    return {
      bytes: await morphology.png(route.view),
      contentType: 'image/png',
      compressible: false,
      headers: { 'cache-control': CACHE_CONTROL },
    };
  }
  return {
    bytes: Buffer.from(await morphology.svg(route.view)),
    contentType: 'image/svg+xml',
    compressible: true,
    headers: { 'cache-control': CACHE_CONTROL, 'content-security-policy': SVG_CSP },
  };
}

/**
 * `GET/HEAD /neurons/{id}/morphology.svg|morphology.png|standard.swc`: the `svg` drawing of
 * `Neuron.morphology` (same cache, same worker pool), its PNG (rasterised on the pool, cached beside
 * it) and the standard SWC file itself, for `<img>` tags and browser viewers on any origin. It sits
 * after the rate limit: each answer may cost NeuroMorpho requests and pool time.
 */
export function useMorphologyRoutes(options: MorphologyRouteOptions): FrontPlugin {
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (!isMorphologyPath(url.pathname)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(
          textAnswer(fetchAPI, 405, 'method not allowed', { allow: 'GET, HEAD', ...COMMON_HEADERS }),
        );
        return;
      }
      const { requestId, clientKey } = serverContext;
      const call: CallOptions = {
        ...(requestId ? { headers: { 'x-request-id': requestId } } : {}),
        ...(clientKey ? { clientKey } : {}),
      };
      try {
        const file = await fileFor(parseMorphologyRoute(url), options, call);
        file.headers = { ...file.headers, ...COMMON_HEADERS };
        endResponse(await generatedFileAnswer(request, fetchAPI, file));
      } catch (error) {
        const context = { logger: options.logger, requestId, headers: COMMON_HEADERS };
        endResponse(routeFailureAnswer(fetchAPI, error, context));
      }
    },
  };
}
