import { type ASTVisitor, GraphQLError, Kind, type SelectionSetNode, type ValidationContext } from 'graphql';
import { createFragmentMemo } from './fragment-memo.js';

/**
 * Rejects operations nested deeper than `max` fields, introspection included (a cyclic schema such as
 * `__Type.fields.type` is where deep-nesting attacks go). A fragment's depth does not depend on where
 * it is spread, so each fragment is measured once: the rule stays linear in the document.
 */
export function maxDepthRule(max: number, code: string) {
  return (context: ValidationContext): ASTVisitor => {
    const fragmentDepth = createFragmentMemo(
      context.getDocument(),
      (fragment) => depthOf(fragment.selectionSet),
      0,
    );
    function depthOf(selectionSet: SelectionSetNode): number {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value));
        }
      }
      return deepest;
    }
    return {
      OperationDefinition(node) {
        if (depthOf(node.selectionSet) > max) {
          context.reportError(
            new GraphQLError(`query depth exceeds the limit of ${max}`, {
              nodes: [node],
              extensions: { code, limit: max },
            }),
          );
        }
      },
    };
  };
}
