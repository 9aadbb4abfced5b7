import { describe, expect, it } from 'vitest';
import {
  ANSWER_KEY_PREFIX,
  createAnswerStore,
  neuronEntities,
} from '../../../../src/server/response-cache/answer-store.js';

const key = (name: string) => `${ANSWER_KEY_PREFIX}${name}`;
const answer = (name: string) => ({ data: { neuron: { neuronId: 1, name } } });

function store(maxBytes = 1_000_000) {
  let now = 1_000;
  const answers = createAnswerStore({ maxEntries: 100, maxBytes, now: () => now });
  const keep = (k: string, result = answer(k), entities = neuronEntities(1), ttl = 10_000) => {
    answers.expectStartedAt(answers.generation());
    answers.set(k, result, entities, ttl);
  };
  return { answers, keep, advance: (ms: number) => (now += ms) };
}

describe('answer store', () => {
  it('admits a key the second time it is asked for, and while it is held', () => {
    const { answers, keep } = store();
    expect(answers.admit(key('a'))).toBe(false);
    expect(answers.admit(key('a'))).toBe(true);
    keep(key('b'));
    expect(answers.admit(key('b'))).toBe(true);
  });

  it('keeps an answer and serves it with its JSON made once', () => {
    const { answers } = store();
    answers.expectStartedAt(answers.generation());
    answers.set(key('a'), answer('a'), neuronEntities(1), 10_000);
    const kept = answers.get(key('a')) as unknown as { stringify: () => string };
    expect(kept.stringify()).toBe(JSON.stringify(answer('a')));
  });

  it('expires by the given clock', () => {
    const { answers, keep, advance } = store();
    keep(key('a'));
    advance(9_999);
    expect(answers.get(key('a'))).not.toBeNull();
    advance(1);
    expect(answers.get(key('a'))).toBeNull();
  });

  it('a change to a neuron drops the answers that show it, and only those', () => {
    const { answers, keep } = store();
    keep(key('one'), answer('one'), neuronEntities(1));
    keep(key('two'), answer('two'), neuronEntities(2));
    answers.invalidate(neuronEntities(1));
    expect(answers.get(key('one'))).toBeNull();
    expect(answers.get(key('two'))).not.toBeNull();
  });

  it('does not keep an answer computed while a neuron it shows changed', () => {
    const { answers } = store();
    const started = answers.generation();
    answers.invalidate(neuronEntities(1));
    answers.expectStartedAt(started);
    answers.set(key('raced'), answer('raced'), neuronEntities(1), 10_000);
    expect(answers.get(key('raced'))).toBeNull();
  });

  it('is bounded by bytes: an answer larger than the bound is not kept, older ones go first', () => {
    const { answers, keep } = store(200);
    keep(key('huge'), { data: { neuron: { neuronId: 1, name: 'x'.repeat(500) } } });
    expect(answers.get(key('huge'))).toBeNull();
    for (const name of ['a', 'b', 'c', 'd', 'e'])
      keep(key(name), { data: { neuron: { neuronId: 1, name: name.repeat(30) } } });
    expect(answers.get(key('a'))).toBeNull();
    expect(answers.get(key('e'))).not.toBeNull();
  });

  it('knows no key without its prefix (a client ETag sent as If-None-Match)', () => {
    const { answers } = store();
    expect(answers.get('W/"abc"')).toBeNull();
  });
});
