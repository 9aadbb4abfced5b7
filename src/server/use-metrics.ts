import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Metrics } from './metrics.js';

/** Counts and times every executed GraphQL operation by name (a bounded set of labels), type and outcome. */
export function useMetrics(metrics: Metrics): Plugin {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const operation = getOperationAST(args.document, args.operationName);
      const labels = {
        operation: metrics.operationLabel(operation?.name?.value),
        type: operation?.operation ?? 'unknown',
      };
      return {
        onExecuteDone({ result }) {
          metrics.operationSeconds.observe(labels, (performance.now() - started) / 1000);
          if (!('data' in result) && !('errors' in result)) return;
          const failed = (result.errors?.length ?? 0) > 0;
          const outcome = !failed ? 'ok' : result.data ? 'partial' : 'error';
          metrics.operations.inc({ ...labels, outcome });
        },
      };
    },
  };
}
