/**
 * Recursive-descent parser for select queries. Recorded forms: `field:v1,v2` (comma = alternatives),
 * `*` wildcards, unquoted values with spaces (`stain:lucifer yellow`). Forms the reference client emits,
 * whose real-server behaviour is unrecorded: `a AND b`, `a OR b`, parentheses, `*:*`, `field:"phrase"`.
 * Also accepted: `NOT a`, `?` wildcards, `\` escapes, `field:[a TO b]` ranges.
 *
 *   query   := or
 *   or      := and ((OR | <juxtaposition>) and)*     juxtaposition means OR, Solr's default q.op
 *   and     := unary (AND unary)*
 *   unary   := NOT unary | primary
 *   primary := '(' or ')' | '*:*' | FIELD ':' (group | range | items) | items   (items: in a group only)
 *   group   := '(' or ')'     Solr field grouping: `species:(mouse OR rat)`
 *   items   := item (',' item)*
 *   item    := '"' quoted '"' | bare
 *
 * A bare value runs until a comma, an unmatched ')', or whitespace followed by AND/OR/NOT, `field:` or the
 * end; so `brain_region:layer 3` is one value and balanced parentheses inside a value stay in it.
 */
import { querySyntaxError } from '../errors.js';
import type { QueryNode, ValueItem } from './ast.js';

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*/;
const BOUNDARY = /^(?:(?:AND|OR|NOT)(?=[\s(]|$)|[A-Za-z_][A-Za-z0-9_]*:|\*:\*|$)/;

export function parseQuery(input: string): QueryNode {
  const parser = new QueryParser(input);
  return parser.parse();
}

class QueryParser {
  private pos = 0;
  /** Inside `field:( ... )`, bare values belong to that field. */
  private groupField: string | undefined;

  constructor(private readonly input: string) {}

  parse(): QueryNode {
    if (this.input.trim() === '') throw querySyntaxError('empty query');
    const node = this.parseOr();
    this.skipSpace();
    if (this.pos < this.input.length) throw this.error(`unexpected '${this.input[this.pos]}'`);
    return node;
  }

  private parseOr(): QueryNode {
    const nodes = [this.parseAnd()];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.input.length || this.peek() === ')') break;
      this.keyword('OR');
      nodes.push(this.parseAnd());
    }
    return nodes.length === 1 && nodes[0] !== undefined ? nodes[0] : { kind: 'or', nodes };
  }

  private parseAnd(): QueryNode {
    const nodes = [this.parseUnary()];
    while (this.keyword('AND')) nodes.push(this.parseUnary());
    return nodes.length === 1 && nodes[0] !== undefined ? nodes[0] : { kind: 'and', nodes };
  }

  private parseUnary(): QueryNode {
    return this.keyword('NOT') ? { kind: 'not', node: this.parseUnary() } : this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    this.skipSpace();
    if (this.pos >= this.input.length) throw this.error('expected a clause');
    if (this.peek() === '(') {
      this.pos += 1;
      const node = this.parseOr();
      this.skipSpace();
      if (this.peek() !== ')') throw this.error("expected ')'");
      this.pos += 1;
      return node;
    }
    if (this.input.startsWith('*:*', this.pos)) {
      this.pos += 3;
      return { kind: 'all' };
    }
    const field = FIELD.exec(this.input.slice(this.pos))?.[0];
    if (field === undefined || this.input[this.pos + field.length] !== ':') {
      if (this.groupField !== undefined) return this.parseItems(this.groupField);
      throw this.error('expected field:value');
    }
    this.pos += field.length + 1;
    this.skipSpace();
    if (this.peek() === '[' || this.peek() === '{') return this.parseRange(field);
    if (this.peek() === '(') return this.parseGroup(field);
    return this.parseItems(field);
  }

  private parseGroup(field: string): QueryNode {
    const outer = this.groupField;
    this.groupField = field;
    const node = this.parsePrimary();
    this.groupField = outer;
    return node;
  }

  private parseItems(field: string): QueryNode {
    const values = [this.parseItem(field)];
    while (this.peek() === ',') {
      this.pos += 1;
      values.push(this.parseItem(field));
    }
    return { kind: 'term', field, values };
  }

  private parseItem(field: string): ValueItem {
    this.skipSpace();
    if (this.peek() === '"') return { kind: 'text', text: this.parseQuoted() };
    let text = '';
    let source = '';
    let wildcard = false;
    let depth = 0;
    while (this.pos < this.input.length) {
      const c = this.input[this.pos] ?? '';
      if (c === '\\') {
        const escaped = this.input[this.pos + 1];
        if (escaped === undefined) throw this.error('dangling escape');
        text += escaped;
        source += escapeRegExp(escaped);
        this.pos += 2;
        continue;
      }
      if (depth === 0 && (c === ',' || c === ')')) break;
      if (depth === 0 && /\s/.test(c) && BOUNDARY.test(this.input.slice(this.pos).trimStart())) break;
      if (c === '(') depth += 1;
      if (c === ')') depth -= 1;
      wildcard ||= c === '*' || c === '?';
      text += c;
      source += c === '*' ? '.*' : c === '?' ? '.' : escapeRegExp(c);
      this.pos += 1;
    }
    if (text.trim() === '') throw this.error(`empty value for field ${field}`);
    if (depth > 0) throw this.error(`unbalanced '(' in value of ${field}`);
    // Trailing spaces before the next clause are not part of the value.
    const trailing = text.length - text.trimEnd().length;
    return wildcard
      ? { kind: 'glob', source: trailing > 0 ? source.slice(0, source.length - trailing) : source }
      : { kind: 'text', text: text.trimEnd() };
  }

  private parseQuoted(): string {
    let text = '';
    for (this.pos += 1; this.pos < this.input.length; this.pos += 1) {
      const c = this.input[this.pos];
      if (c === '"') {
        this.pos += 1;
        return text;
      }
      if (c === '\\') this.pos += 1;
      text += this.input[this.pos] ?? '';
    }
    throw this.error('unterminated quoted value');
  }

  private parseRange(field: string): QueryNode {
    const includeLower = this.peek() === '[';
    const end = this.input.slice(this.pos).search(/[\]}]/);
    if (end < 0) throw this.error('unterminated range');
    const inner = this.input.slice(this.pos + 1, this.pos + end);
    const includeUpper = this.input[this.pos + end] === ']';
    const bounds = inner.trim().split(/\s+TO\s+/);
    if (bounds.length !== 2) throw this.error(`range on ${field} needs 'a TO b'`);
    this.pos += end + 1;
    const bound = (b: string | undefined): string | null =>
      b === undefined || b === '*' ? null : b.replace(/^"(.*)"$/, '$1');
    return {
      kind: 'range',
      field,
      lower: bound(bounds[0]),
      upper: bound(bounds[1]),
      includeLower,
      includeUpper,
    };
  }

  private keyword(word: 'AND' | 'OR' | 'NOT'): boolean {
    this.skipSpace();
    if (!this.input.startsWith(word, this.pos)) return false;
    const after = this.input[this.pos + word.length];
    if (after !== undefined && !/[\s(]/.test(after)) return false;
    this.pos += word.length;
    return true;
  }

  private skipSpace(): void {
    while (this.pos < this.input.length && /\s/.test(this.input[this.pos] ?? '')) this.pos += 1;
  }

  private peek(): string | undefined {
    return this.input[this.pos];
  }

  private error(message: string) {
    return querySyntaxError(`cannot parse query '${this.input}': ${message} at position ${this.pos}`);
  }
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
