/**
 * A value computed once per record object and scope (the site), then answered from memory: with the
 * memory store every request resolves the very same NeuronRecord objects (createRecordMemo in
 * upstream/client-context.ts), so the per-neuron work of the warm path is done once per record, not
 * once per request. Records parsed afresh (a Redis read) simply compute again; nothing is kept alive by
 * the memo, since both levels are weak.
 */
export function createRecordMemo<R extends object, S extends object, V>(
  compute: (record: R, scope: S) => V,
): (record: R, scope: S) => V {
  const byScope = new WeakMap<S, WeakMap<R, V>>();
  return (record, scope) => {
    let known = byScope.get(scope);
    if (known === undefined) {
      known = new WeakMap();
      byScope.set(scope, known);
    }
    let value = known.get(record);
    if (value === undefined) {
      value = compute(record, scope);
      known.set(record, value);
    }
    return value;
  };
}
