import { describe, expect, it } from 'vitest';
import { InvalidFilterError } from '../../../src/neuromorpho/invalid-filter-error.js';
import { compileFilter, parseSort, SORTABLE_FIELD_RE } from '../../../src/neuromorpho/search-query.js';

function filterError(fn: () => unknown): InvalidFilterError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidFilterError) return err;
    throw err;
  }
  throw new Error('expected an InvalidFilterError');
}

describe('compileFilter', () => {
  it('gives no q and no fq for nothing', () => {
    expect(compileFilter(null)).toEqual({ q: null, fq: [] });
    expect(compileFilter(undefined, {})).toEqual({ q: null, fq: [] });
    expect(compileFilter({ species: null, rawQ: null })).toEqual({ q: null, fq: [] });
  });

  it('turns the first typed field into q, alternatives comma-joined', () => {
    expect(compileFilter({ species: ['cat', 'rat', 'monkey'] })).toEqual({
      q: 'species:cat,rat,monkey',
      fq: [],
    });
  });

  it('reproduces the recorded filter-query request', () => {
    const compiled = compileFilter(
      { species: ['cat', 'rat', 'monkey'], stain: ['lucifer yellow'], brainRegion: ['layer 3'] },
      { fq: ['strain:Macaque'] },
    );
    // Field order, not argument order: brain_region comes before stain.
    expect(compiled).toEqual({
      q: 'species:cat,rat,monkey',
      fq: ['brain_region:layer 3', 'stain:lucifer yellow', 'strain:Macaque'],
    });
  });

  it('orders typed fields species, brain_region, cell_type, archive, original_format, stain, age, gender', () => {
    const compiled = compileFilter({
      gender: ['Male'],
      ageClassification: ['adult'],
      stain: ['biocytin'],
      originalFormat: ['Neurolucida.asc'],
      archive: ['Burke'],
      cellType: ['pyramidal'],
      brainRegion: ['neocortex'],
    });
    expect(compiled).toEqual({
      q: 'brain_region:neocortex',
      fq: [
        'cell_type:pyramidal',
        'archive:Burke',
        'original_format:Neurolucida.asc',
        'stain:biocytin',
        'age_classification:adult',
        'gender:Male',
      ],
    });
  });

  it('puts every typed field in fq when an explicit q is given', () => {
    expect(compileFilter({ species: ['rat'], gender: ['Male'] }, { q: 'neuron_name:cnic_*' })).toEqual({
      q: 'neuron_name:cnic_*',
      fq: ['species:rat', 'gender:Male'],
    });
  });

  it('uses the first raw q clause as q when there is none, the rest as fq', () => {
    expect(compileFilter({ rawQ: ['neuron_name:a*', 'archive:Burke'] })).toEqual({
      q: 'neuron_name:a*',
      fq: ['archive:Burke'],
    });
  });

  it('appends raw q clauses as fq when q is taken', () => {
    expect(compileFilter({ species: ['cat'], cellType: ['pyramidal'], rawQ: ['neuron_id:1,2,3'] })).toEqual({
      q: 'species:cat',
      fq: ['cell_type:pyramidal', 'neuron_id:1,2,3'],
    });
  });

  it('keeps raw fq and extra fq verbatim, in that order, after the rest', () => {
    expect(
      compileFilter(
        { species: ['cat'], rawQ: ['a:b'], rawFq: ['stain:lucifer yellow'] },
        { fq: ['x:(1 OR 2)'] },
      ),
    ).toEqual({ q: 'species:cat', fq: ['a:b', 'stain:lucifer yellow', 'x:(1 OR 2)'] });
  });

  it('keeps spaces and wildcards in values', () => {
    expect(compileFilter({ brainRegion: ['layer 3', 'CA*'] }).q).toBe('brain_region:layer 3,CA*');
  });

  it.each([
    [{ species: [] }, 'species', /at least one value/],
    [{ cellType: ['pyramidal', ''] }, 'cellType', /non-blank/],
    [{ stain: ['  '] }, 'stain', /non-blank/],
    [{ brainRegion: ['a,b'] }, 'brainRegion', /comma/],
    [{ gender: ['Ma\u0000le'] }, 'gender', /control/],
    [{ archive: ['a\nb'] }, 'archive', /control/],
    [{ rawQ: [''] }, 'rawQ', /non-blank/],
    [{ rawFq: ['a:\u0000'] }, 'rawFq', /control/],
  ])('rejects %j naming %s', (filter, field, message) => {
    const err = filterError(() => compileFilter(filter));
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.field).toBe(field);
    expect(err.message).toContain(field);
    expect(err.message).toMatch(message);
  });

  it('rejects a blank explicit q and a bad extra fq', () => {
    expect(filterError(() => compileFilter(null, { q: ' ' })).field).toBe('q');
    expect(filterError(() => compileFilter(null, { fq: ['\u0007'] })).field).toBe('fq');
  });

  it('allows line breaks and tabs inside raw clauses', () => {
    expect(compileFilter({ rawQ: ['species:rat\n\tAND gender:Male'] }).q).toBe(
      'species:rat\n\tAND gender:Male',
    );
  });
});

describe('parseSort', () => {
  it.each([
    ['neuron_id', { field: 'neuron_id', direction: 'asc' }],
    ['neuron_id,asc', { field: 'neuron_id', direction: 'asc' }],
    ['neuron_id,desc', { field: 'neuron_id', direction: 'desc' }],
    ['title,DESC', { field: 'title', direction: 'desc' }],
    ['_x9', { field: '_x9', direction: 'asc' }],
  ])('%j', (sort, spec) => {
    expect(parseSort(sort)).toEqual(spec);
  });

  it.each([
    [''],
    ['9lives'],
    ['neuron id'],
    ['neuron_id,'],
    ['neuron_id,up'],
    ['neuron_id,asc,desc'],
    [' neuron_id'],
    ['neuron_id&size=1'],
  ])('rejects %j', (sort) => {
    const err = filterError(() => parseSort(sort));
    expect(err.field).toBe('sort');
    expect(err.code).toBe('BAD_USER_INPUT');
  });

  it('exposes the field pattern', () => {
    expect(SORTABLE_FIELD_RE.test('brain_region')).toBe(true);
    expect(SORTABLE_FIELD_RE.test('a-b')).toBe(false);
  });
});
