import { describe, expect, it } from 'vitest';
import { createOperationLabels } from '../../../src/server/metrics.js';

describe('createOperationLabels', () => {
  it('keeps known names, calls the unnamed anonymous and cuts long names', () => {
    const label = createOperationLabels(10, 8);
    expect(label('Page')).toBe('Page');
    expect(label(undefined)).toBe('anonymous');
    expect(label('AVeryLongOperationName')).toBe('AVeryLon');
  });

  it('labels every name after the first maxNames as other, and keeps the first ones', () => {
    const label = createOperationLabels(3, 64);
    const labels = new Set(Array.from({ length: 1000 }, (_, i) => label(`Op${i}`)));
    expect([...labels].sort()).toEqual(['Op0', 'Op1', 'Op2', 'other']);
    expect(label('Op1')).toBe('Op1');
  });

  it('counts names that only differ after the cut as one label', () => {
    const label = createOperationLabels(2, 4);
    expect(label('Searchmice')).toBe('Sear');
    expect(label('Searchrats')).toBe('Sear');
    expect(label('Other')).toBe('Othe');
    expect(label('Third')).toBe('other');
  });
});
