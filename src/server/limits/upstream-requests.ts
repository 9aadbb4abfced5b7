import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { MAX_PAGE_SIZE } from '../../upstream/client-types.js';
import { createFragmentMemo } from './fragment-memo.js';

/** Reads a selection's arguments as far as the request counts need them. */
interface ArgumentSizes {
  /** Items in a list argument, from the literal or the variables (0 when absent). */
  listLength(name: string): number;
}

/**
 * The most NeuroMorpho requests one selection of a field may cause (a cache miss, no retries), whatever
 * is selected under it. Every Query and Mutation field is listed, with 0 for those that only touch the
 * disk, so a new root field has to say what it costs. Loader-batched fields count one request per
 * selection: every neuron of the list a selection sits under shares that request.
 */
export const UPSTREAM_REQUESTS_PER_FIELD: Readonly<Record<string, (args: ArgumentSizes) => number>> = {
  'Query.search': () => 1,
  // A range that straddles two upstream pages reads both.
  'Query.searchConnection': () => 2,
  'Query.neuron': () => 1,
  'Query.neuronByName': () => 1,
  'Query.node': () => 1,
  // Longer id lists are refused before any request.
  'Query.neurons': (args) => (args.listLength('ids') <= MAX_PAGE_SIZE ? 1 : 0),
  'Query.neuronFields': () => 1,
  // The field names (to check the argument), then the values or counts.
  'Query.fieldValues': () => 2,
  'Query.fieldCounts': () => 2,
  'Query.cachedNeurons': () => 0,
  'Neuron.measurement': () => 1,
  // The standard file: one request per neuron, never batched (see PER_ITEM_FIELDS).
  'Neuron.morphology': () => 1,
  // The record, its measurement and two files.
  'Mutation.downloadNeuron': () => 4,
  'Mutation.removeCachedNeuron': () => 0,
  'Mutation.clearCache': () => 0,
  // Jobs read their state from disk; the job's own requests run in the background, under the budget.
  'Query.dataset': () => 0,
  'Query.datasets': () => 0,
  // The first search page (or the id list's records, one request per 500 ids, at most 20 for 10,000 ids).
  'Mutation.createDataset': (args) => Math.max(1, Math.ceil(args.listLength('ids') / MAX_PAGE_SIZE)),
  'Mutation.cancelDataset': () => 0,
  'Mutation.deleteDataset': () => 0,
};

/**
 * Fields whose requests are not shared by the neurons of a list: each item of every list the selection
 * sits under costs its own, so they are multiplied by the list sizes (the complexity multipliers the
 * schema declares: search size, ids, first/last).
 */
const PER_ITEM_FIELDS: ReadonlySet<string> = new Set(['Neuron.morphology']);

/** Requests shared by a whole selection, and requests per item of the list around it. */
interface RequestCount {
  shared: number;
  perItem: number;
}

/** How many items a field's selection stands for: its complexity multiplier, 1 when it declares none. */
function itemsOf(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Readonly<Record<string, unknown>>,
): number {
  let complexity = field.extensions?.complexity as unknown;
  if (typeof complexity === 'function') {
    try {
      complexity = complexity(getArgumentValues(field, node, variables), {}, field);
    } catch {
      // Arguments that do not coerce fail validation anyway.
      return 1;
    }
  }
  const multiplier = (complexity as { multiplier?: unknown } | null | undefined)?.multiplier;
  return typeof multiplier === 'number' && Number.isFinite(multiplier) ? Math.max(1, multiplier) : 1;
}

function argumentSizes(
  argumentNodes: readonly ArgumentNode[] | undefined,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): ArgumentSizes {
  return {
    listLength(name) {
      let value = argumentNodes?.find((argument) => argument.name.value === name)?.value;
      if (value?.kind === Kind.VARIABLE) {
        const variable = value.name.value;
        const given = variables[variable];
        if (given !== undefined) return Array.isArray(given) ? given.length : given === null ? 0 : 1;
        value = operation.variableDefinitions?.find((d) => d.variable.name.value === variable)?.defaultValue;
      }
      if (value === undefined || value.kind === Kind.NULL) return 0;
      return value.kind === Kind.LIST ? value.values.length : 1;
    },
  };
}

/**
 * Counts the NeuroMorpho requests an operation may cause, from its document and variables, before it
 * runs. Each fragment is counted once (its count does not depend on where it is spread), so the count
 * is linear in the document; a fragment spread on many paths multiplies the result, not the work.
 */
export function countUpstreamRequests(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): number {
  const none: RequestCount = { shared: 0, perItem: 0 };
  const fragmentCount = createFragmentMemo(
    document,
    (fragment) => count(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)),
    none,
  );
  // Linear in its context, so a fragment's count is computed once and scaled where it is spread.
  function count(selectionSet: SelectionSetNode, type: GraphQLNamedType | null | undefined): RequestCount {
    const requests = { shared: 0, perItem: 0 };
    const add = (inner: RequestCount, items = 1) => {
      requests.shared += inner.shared;
      requests.perItem += inner.perItem * items;
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        add(fragmentCount(selection.name.value));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition;
        add(count(selection.selectionSet, condition ? schema.getType(condition.name.value) : type));
      } else if (type && (isObjectType(type) || isInterfaceType(type))) {
        const field = type.getFields()[selection.name.value];
        if (!field) continue;
        const name = `${type.name}.${field.name}`;
        const perField = UPSTREAM_REQUESTS_PER_FIELD[name];
        const own = perField ? perField(argumentSizes(selection.arguments, operation, variables)) : 0;
        if (PER_ITEM_FIELDS.has(name)) requests.perItem += own;
        else requests.shared += own;
        if (selection.selectionSet) {
          add(count(selection.selectionSet, getNamedType(field.type)), itemsOf(field, selection, variables));
        }
      }
    }
    return requests;
  }
  const total = count(operation.selectionSet, schema.getRootType(operation.operation));
  return total.shared + total.perItem;
}
