import { type WriteAccessPolicy, writeRefusal } from '../write-access.js';

/**
 * What, about the caller, can change an answer to the same document and variables: whether it may write
 * (and so, with EXPOSE_PATHS=writers, sees absolute paths) and the origin it reached the gateway by
 * (links to cached files are built from it). Two callers with the same audience share cached answers.
 * Mirrors `showPaths` in request-context.ts.
 */
export function createAnswerAudience(
  writeAccess: WriteAccessPolicy,
  exposePaths: 'writers' | 'all' | 'none',
): (request: Request) => string {
  return (request) => {
    const mayWrite = writeRefusal(writeAccess, request) === null;
    const showPaths = exposePaths === 'all' || (exposePaths === 'writers' && mayWrite);
    return `${mayWrite ? 'writer' : 'reader'}|${showPaths ? 'paths' : 'no-paths'}|${new URL(request.url).origin}`;
  };
}
