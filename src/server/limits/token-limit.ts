import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

/** Counts tokens without building a syntax tree, stopping as soon as the limit is passed. */
export function assertTokenLimit(query: string, max: number, code: string): void {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++tokens > max) {
        throw new GraphQLError(`the document has more than ${max} tokens`, {
          extensions: { code, limit: max },
        });
      }
    }
  } catch (error) {
    // A lexing error is the parser's to report, with its usual syntax message.
    if (error instanceof GraphQLError && error.extensions.code === code) throw error;
  }
}
