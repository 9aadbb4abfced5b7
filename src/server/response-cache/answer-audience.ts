import type { CallerAccess } from '../caller-access.js';

/**
 * What, about the caller, can change an answer to the same document and variables: whether it may write
 * (and so, with EXPOSE_PATHS=writers, sees absolute paths) and the origin it reached the gateway by
 * (links to cached files are built from it). Two callers with the same audience share cached answers.
 * The same judgement as the context's `showPaths` and `origin` (request-context.ts): one CallerAccess.
 */
export function createAnswerAudience(
  access: (request: Request) => CallerAccess,
): (request: Request) => string {
  return (request) => {
    const { mayWrite, showPaths, origin } = access(request);
    return `${mayWrite ? 'writer' : 'reader'}|${showPaths ? 'paths' : 'no-paths'}|${origin}`;
  };
}
