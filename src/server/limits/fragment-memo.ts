import { type DocumentNode, type FragmentDefinitionNode, Kind } from 'graphql';

/**
 * Computes a value once per fragment, however many paths spread it: walking a fragment again on every
 * path is exponential (a chain of fragments that each spread the previous one twice doubles the work
 * at each level). A spread that would re-enter a fragment still being computed (a cycle, which
 * graphql-js's NoFragmentCyclesRule reports) and a spread of an unknown fragment get `unknown`.
 */
export function createFragmentMemo<T>(
  document: DocumentNode,
  compute: (fragment: FragmentDefinitionNode) => T,
  unknown: T,
): (name: string) => T {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const done = new Map<string, T>();
  const computing = new Set<string>();
  return (name) => {
    const known = done.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || computing.has(name)) return unknown;
    computing.add(name);
    try {
      const value = compute(fragment);
      done.set(name, value);
      return value;
    } finally {
      computing.delete(name);
    }
  };
}
