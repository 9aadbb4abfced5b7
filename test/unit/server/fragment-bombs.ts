/**
 * Documents that are small to send but huge once fragments are expanded: `levels` fragments that each
 * spread the previous one twice, so the operation reaches `leaf` 2^levels times.
 */
export function fragmentBomb(levels: number, leaf = 'neuronFields', type = 'Query'): string {
  const fragments = [`fragment F0 on ${type} { ${leaf} }`];
  for (let level = 1; level <= levels; level++) {
    fragments.push(`fragment F${level} on ${type} { ...F${level - 1} ...F${level - 1} }`);
  }
  return `query Bomb { ...F${levels} } ${fragments.join(' ')}`;
}
