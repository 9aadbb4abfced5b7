/**
 * Active fault rules and the decision for one request. Every rule whose route matches, with times left and
 * winning its probability draw, applies: latencies add up, and the first rule that changes the answer
 * (reset, status, truncate, emptyBody, or a body shaper: padBytes, trickleMs, chunked) decides it; later
 * answer-changing rules are not consulted, so one rule combines shapers (`{ padBytes, chunked }` is a huge
 * body of unannounced size). Each applied rule uses up one of its `times`. Probability draws come from a
 * PRNG per rule, seeded from the replica seed and the rule's number, so the same requests in the same
 * order get the same faults.
 */
import { validateFaultRule } from '../fault-rule.js';
import { createRandom, mixSeed, type Random } from '../random.js';
import type { FaultRule } from '../types.js';

export interface FaultDecision {
  latencyMs: number;
  /** The rule that changes the answer, if any. */
  answer: FaultRule | undefined;
}

export interface FaultStore {
  add(rule: FaultRule): void;
  clear(): void;
  /** Active rules; `times` shows what is left. */
  list(): FaultRule[];
  decide(path: string): FaultDecision;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
  random: Random;
}

export function createFaultStore(seed: number): FaultStore {
  let rules: ActiveRule[] = [];
  let added = 0;
  return {
    add(input) {
      const rule = validateFaultRule(input);
      added += 1;
      rules.push({
        rule,
        remaining: rule.times ?? Infinity,
        random: createRandom(mixSeed(seed, 0xfa17, added)),
      });
    },
    clear() {
      rules = [];
    },
    list: () =>
      rules.map(({ rule, remaining }) =>
        Number.isFinite(remaining) ? { ...rule, times: remaining } : { ...rule },
      ),
    decide(path) {
      let latencyMs = 0;
      let answer: FaultRule | undefined;
      for (const active of rules) {
        const { rule } = active;
        if (rule.route !== undefined && !path.startsWith(rule.route)) continue;
        const changesAnswer =
          rule.reset === true ||
          rule.status !== undefined ||
          rule.truncate === true ||
          rule.emptyBody === true ||
          rule.padBytes !== undefined ||
          rule.trickleMs !== undefined ||
          rule.chunked === true;
        if (changesAnswer && answer !== undefined) continue;
        if (rule.probability !== undefined && active.random.next() >= rule.probability) continue;
        active.remaining -= 1;
        latencyMs += rule.latencyMs ?? 0;
        if (changesAnswer) answer = rule;
      }
      rules = rules.filter((active) => active.remaining > 0);
      return { latencyMs, answer };
    },
  };
}
