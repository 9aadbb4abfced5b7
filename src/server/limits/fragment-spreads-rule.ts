import { type ASTVisitor, GraphQLError, Kind, type SelectionSetNode, type ValidationContext } from 'graphql';
import { createFragmentMemo } from './fragment-memo.js';

/**
 * Rejects operations that reach more than `max` fragment spreads once every fragment is expanded where
 * it is spread (each spread counted once per path that reaches it). A few kilobytes of fragments that
 * each spread the previous one twice expand to millions of selections; this refuses them while the
 * document is validated, before any per-path walk (cost, breadth, execution) sees them. Counted in
 * linear time: each fragment's expansion is counted once.
 */
export function maxFragmentSpreadsRule(max: number, code: string) {
  return (context: ValidationContext): ASTVisitor => {
    const spreadsIn = createFragmentMemo(
      context.getDocument(),
      (fragment) => count(fragment.selectionSet),
      0,
    );
    function count(selectionSet: SelectionSetNode): number {
      let spreads = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FRAGMENT_SPREAD) spreads += 1 + spreadsIn(selection.name.value);
        else if (selection.selectionSet) spreads += count(selection.selectionSet);
      }
      return spreads;
    }
    return {
      OperationDefinition(node) {
        if (count(node.selectionSet) > max) {
          context.reportError(
            new GraphQLError(`the operation expands to more than ${max} fragment spreads`, {
              nodes: [node],
              extensions: { code, limit: max },
            }),
          );
        }
      },
    };
  };
}
