import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../schema/context.js';

/** Adds `extensions.stale: true` to a result that used an expired cache entry because NeuroMorpho failed. */
export function useStaleMarker(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const context = args.contextValue as Partial<GatewayContext>;
          if (!context.freshness?.stale || !('data' in result)) return;
          setResult({ ...result, extensions: { ...result.extensions, stale: true } });
        },
      };
    },
  };
}
