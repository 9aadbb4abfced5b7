/** Validation of fault rules arriving from code, the control endpoint (JSON) or the CLI (`k=v,...`). */
import type { FaultRule } from './types.js';

const NUMBER_KEYS = ['status', 'latencyMs', 'times', 'probability', 'padBytes', 'trickleMs'] as const;
const BOOLEAN_KEYS = ['reset', 'truncate', 'emptyBody', 'chunked'] as const;
const STRING_KEYS = ['route', 'retryAfter'] as const;
const KEYS: readonly string[] = [...NUMBER_KEYS, ...BOOLEAN_KEYS, ...STRING_KEYS];

/** Returns a clean copy, or throws a TypeError naming every problem at once. */
export function validateFaultRule(value: unknown): FaultRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('fault rule must be an object');
  }
  const input = value as Record<string, unknown>;
  const problems: string[] = [];
  const rule: FaultRule = {};
  for (const [key, item] of Object.entries(input)) {
    if (!KEYS.includes(key)) problems.push(`unknown key '${key}'`);
    else if (item === undefined) continue;
    else if ((STRING_KEYS as readonly string[]).includes(key) && typeof item !== 'string')
      problems.push(`${key} must be a string`);
    else if ((BOOLEAN_KEYS as readonly string[]).includes(key) && typeof item !== 'boolean')
      problems.push(`${key} must be a boolean`);
    else if (
      (NUMBER_KEYS as readonly string[]).includes(key) &&
      (typeof item !== 'number' || !Number.isFinite(item))
    ) {
      problems.push(`${key} must be a number`);
    }
  }
  const { status, latencyMs, times, probability, route, padBytes, trickleMs } = input;
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (finite(status) && (!Number.isInteger(status) || status < 100 || status > 599)) {
    problems.push('status must be an HTTP status');
  }
  if (finite(latencyMs) && latencyMs < 0) problems.push('latencyMs must be >= 0');
  if (finite(times) && (!Number.isInteger(times) || times < 1))
    problems.push('times must be an integer >= 1');
  if (finite(probability) && (probability < 0 || probability > 1))
    problems.push('probability must be within 0..1');
  if (finite(padBytes) && (!Number.isSafeInteger(padBytes) || padBytes < 0))
    problems.push('padBytes must be an integer >= 0');
  if (finite(trickleMs) && trickleMs < 0) problems.push('trickleMs must be >= 0');
  if (typeof route === 'string' && !route.startsWith('/')) problems.push("route must start with '/'");
  if (problems.length > 0) throw new TypeError(`invalid fault rule: ${problems.join('; ')}`);
  for (const key of KEYS) {
    if (input[key] !== undefined) Object.assign(rule, { [key]: input[key] });
  }
  return rule;
}

/**
 * The CLI form: `route=/api/neuron/select,status=503,times=2`. A comma splits only before `name=`, `name,`
 * or a final `name`, so an HTTP-date Retry-After (`retryAfter=Wed, 21 Oct 2015 07:28:00 GMT`) survives.
 * A bare flag name (`reset`) means true.
 */
export function parseFaultSpec(spec: string): FaultRule {
  const parts = spec.split(/,(?=\s*[A-Za-z_]\w*\s*(?:=|,|$))/);
  const rule: Record<string, unknown> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const raw = eq < 0 ? 'true' : part.slice(eq + 1).trim();
    if ((NUMBER_KEYS as readonly string[]).includes(key)) rule[key] = raw === '' ? Number.NaN : Number(raw);
    else if ((BOOLEAN_KEYS as readonly string[]).includes(key))
      rule[key] = raw === 'true' ? true : raw === 'false' ? false : raw;
    else rule[key] = raw;
  }
  return validateFaultRule(rule);
}
