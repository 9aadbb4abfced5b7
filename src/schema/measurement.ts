import type { MeasurementRecord } from '../neuromorpho/types.js';
import { builder } from './builder.js';

const FLOAT_FIELDS = [
  'surface',
  'volume',
  'somaSurface',
  'width',
  'height',
  'depth',
  'diameter',
  'length',
  'euclideanDistance',
  'pathDistance',
  'contraction',
  'partitionAsymmetry',
  'pkClassic',
  'bifAmplLocal',
  'bifAmplRemote',
  'fractalDim',
] as const;

const INT_FIELDS = ['nStems', 'nBifs', 'nBranch', 'branchOrder', 'fragmentation'] as const;

export const MeasurementRef = builder.objectRef<MeasurementRecord>('Measurement').implement({
  description:
    'Whole-neuron morphometry. Lengths in µm, surfaces µm², volumes µm³, angles in degrees; null when upstream ' +
    'has no usable value (text such as "nan", a count outside the 32-bit Int range: logged as a warning).',
  fields: (t) => ({
    neuronId: t.exposeInt('neuronId'),
    ...Object.fromEntries(FLOAT_FIELDS.map((name) => [name, t.exposeFloat(name, { nullable: true })])),
    ...Object.fromEntries(INT_FIELDS.map((name) => [name, t.exposeInt(name, { nullable: true })])),
    extras: t.expose('extras', {
      type: 'JSON',
      description:
        'Upstream keys the reference client does not promote, as sent: neuron_name, fractal_Dim (also ' +
        'fractalDim here), and alias spellings that lost to an earlier non-null one, null values included.',
    }),
    raw: t.expose('raw', { type: 'JSON', description: 'The upstream payload as received.' }),
  }),
});
