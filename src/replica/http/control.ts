/**
 * The replica's own control endpoint under `/__replica/` (not part of NeuroMorpho's API): request log,
 * counters and faults over HTTP, for demos and for processes that did not start the replica.
 *   GET /__replica/log, DELETE /__replica/log, GET /__replica/stats,
 *   GET|POST|DELETE /__replica/faults (POST body: one FaultRule as JSON), GET /__replica/population
 */
import { validateFaultRule } from '../fault-rule.js';
import type { PopulationSummary } from '../types.js';
import type { FaultStore } from './fault-store.js';
import { jsonReply, type Reply } from './reply.js';
import type { RequestLog } from './request-log.js';

export const CONTROL_PREFIX = '/__replica';

export interface ControlDeps {
  log: RequestLog;
  faults: FaultStore;
  population: PopulationSummary;
}

export function controlReply(method: string, path: string, body: Buffer, deps: ControlDeps): Reply {
  const endpoint = path.slice(CONTROL_PREFIX.length).replace(/\/$/, '');
  const key = `${method} ${endpoint}`;
  switch (key) {
    case 'GET /log':
      return jsonReply(JSON.stringify(deps.log.entries));
    case 'DELETE /log':
      deps.log.clear();
      return noContent();
    case 'GET /stats':
      return jsonReply(JSON.stringify(deps.log.stats()));
    case 'GET /faults':
      return jsonReply(JSON.stringify(deps.faults.list()));
    case 'POST /faults':
      try {
        deps.faults.add(validateFaultRule(JSON.parse(body.toString('utf8'))));
        return jsonReply(JSON.stringify(deps.faults.list()), 201);
      } catch (error) {
        return jsonReply(
          JSON.stringify({ error: error instanceof Error ? error.message : String(error) }),
          400,
        );
      }
    case 'DELETE /faults':
      deps.faults.clear();
      return noContent();
    case 'GET /population':
      return jsonReply(JSON.stringify(deps.population));
    default:
      return jsonReply(JSON.stringify({ error: `no control endpoint ${key}` }), 404);
  }
}

function noContent(): Reply {
  return { status: 204, headers: {}, body: Buffer.alloc(0) };
}
