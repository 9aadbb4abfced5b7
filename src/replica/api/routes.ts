/** The API surface of NeuroMorpho.Org the replica serves (see each handler for recorded vs synthesized). */
import * as fields from './field-routes.js';
import * as literature from './literature-routes.js';
import * as morphometry from './morphometry-routes.js';
import * as neuron from './neuron-routes.js';
import * as pvec from './pvec-routes.js';
import { type Route, route } from './router.js';
import { neuronSelect } from './select-route.js';

export function apiRoutes(): Route[] {
  return [
    route('GET', '/api/health', neuron.health),
    route('GET', '/api/neuron', neuron.neuronList),
    route('GET', '/api/neuron/id/:id', neuron.neuronById),
    route('GET', '/api/neuron/name/:name', neuron.neuronByName),
    route('GET,POST', '/api/neuron/select', neuronSelect),
    route('GET', '/api/neuron/fields', fields.neuronFieldCatalogue),
    route('GET', '/api/neuron/fields/:field', fields.neuronFieldValues),
    route('GET', '/api/neuron/partition/:field', fields.neuronPartition),
    route('GET', '/api/morphometry', morphometry.morphometryList),
    route('GET', '/api/morphometry/id/:id', morphometry.morphometryById),
    route('GET', '/api/morphometry/name/:name', morphometry.morphometryByName),
    route('GET', '/api/morphometry/select', morphometry.morphometrySelect),
    route('GET', '/api/pvec/id/:id', pvec.pvecById),
    route('GET', '/api/pvec/select', pvec.pvecSelect),
    route('GET', '/api/literature', literature.literatureList),
    route('GET', '/api/literature/select', literature.literatureSelect),
    route('GET', '/api/literature/fields', literature.literatureFieldCatalogue),
    route('GET', '/api/literature/fields/:field', literature.literatureFieldValues),
    route('GET', '/api/literature/partition/:field', literature.literaturePartition),
    route('GET', '/api/literature/id/:id', literature.literatureById),
  ];
}
