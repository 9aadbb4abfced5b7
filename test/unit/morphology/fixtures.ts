import { readFileSync } from 'node:fs';
import type { SomaType } from '../../../src/morphology/index.js';

/** The bytes of a real NeuroMorpho file from fixtures/swc. */
export function loadSwc(name: string): Buffer {
  return readFileSync(new URL(`../../../fixtures/swc/${name}`, import.meta.url));
}

/**
 * Every real file, with its sample lines as fixtures/swc/SOURCES.md lists them and its soma convention:
 * btmorph's tests name v_e_moto1 (3-point), v_e_purk2 and 1220882a (1-point) and l22 (multiple
 * cylinders); the others by their type-1 samples (one; three in NeuroMorpho's pattern; a branched chain).
 */
export const REAL_FILES: ReadonlyArray<{ file: string; samples: number; soma: SomaType }> = [
  { file: '96ML.CNG.swc', samples: 135, soma: 'SINGLE_POINT' },
  { file: '1220882a.CNG.swc', samples: 459, soma: 'SINGLE_POINT' },
  { file: 'v_e_moto1.CNG.swc', samples: 562, soma: 'THREE_POINT' },
  { file: 'cnic_004.CNG.swc', samples: 941, soma: 'SINGLE_POINT' },
  { file: 'v_e_purk2.CNG.swc', samples: 1521, soma: 'SINGLE_POINT' },
  { file: 'c10261.CNG.swc', samples: 1689, soma: 'THREE_POINT' },
  { file: 'l22.CNG.swc', samples: 1602, soma: 'MULTI_CYLINDER' },
  { file: 'control-1-wt.CNG.swc', samples: 1696, soma: 'THREE_POINT' },
  { file: 'AK18N3HZ.CNG.swc', samples: 2788, soma: 'SINGLE_POINT' },
  { file: 'C040600B3.CNG.swc', samples: 5543, soma: 'SINGLE_POINT' },
  { file: 'dCH-cobalt.CNG.swc', samples: 6248, soma: 'MULTI_CYLINDER' },
  { file: 'CTh5080306F.CNG.swc', samples: 14681, soma: 'THREE_POINT' },
  { file: 'EC2-609291-4.CNG.swc', samples: 27442, soma: 'THREE_POINT' },
];
