import {
  isLosslessNumber,
  LosslessNumber,
  parse as parseLossless,
  stringify as stringifyLossless,
} from 'lossless-json';

/**
 * Upstream JSON with the form of its numbers kept. NeuroMorpho sends counts as floats (`"n_stems": 6.0`);
 * JSON.parse reads that as 6, and metadata.json must say `6.0` again, as the reference client (Python's
 * json module) writes it. Payloads stay plain JSON values, so every mapper and the GraphQL layer read them
 * as before; a container whose numbers would lose their form carries the sent text of those numbers in a
 * hidden (non-enumerable, symbol-keyed) table that JSON.stringify, Object.entries and spreads never see.
 *
 * Only numbers whose JavaScript value does not tell their form are recorded: a float that holds an
 * integer (`6.0`, `1e5`) and an integer beyond 2**53. Every other number reads back the same from its
 * value (an integral value was an integer, any other a float).
 */
const NUMBER_FORMS = Symbol('numberForms');

type Container = Record<string, unknown> | unknown[];
type FormTable = Record<string, string>;
type WithForms = { [NUMBER_FORMS]?: FormTable };

// A number token right after `:`, `,` or `[` that might need its form kept: a fraction of zeros, an
// exponent, or 16 digits or more. Text inside strings can match too; that only costs the slower parse.
const MAYBE_FORM_LOSING = /[:,[]\s*-?(?:\d+\.0+(?!\d)|\d+(?:\.\d+)?[eE]|(?:\d\.?){16})/;
const FLOAT_TOKEN = /[.eE]/;

/** Whether JSON.parse would lose what this number token says (see the module comment). */
export function formMatters(token: string): boolean {
  const value = Number(token);
  return FLOAT_TOKEN.test(token)
    ? Number.isInteger(value) || !Number.isFinite(value)
    : !Number.isSafeInteger(value);
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The text NeuroMorpho sent for `container[key]`, when its value alone does not tell its form. */
export function numberFormOf(container: object, key: string | number): string | undefined {
  return (container as WithForms)[NUMBER_FORMS]?.[String(key)];
}

function formsOf(container: object): FormTable | undefined {
  return (container as WithForms)[NUMBER_FORMS];
}

function attachForms(container: object, forms: FormTable): void {
  Object.defineProperty(container, NUMBER_FORMS, { value: forms, enumerable: false, configurable: true });
}

/** Copies the recorded forms of `keys` (all when omitted) from `source` onto `target`. */
export function copyNumberForms(target: object, source: object, keys?: readonly string[]): void {
  const forms = formsOf(source);
  if (forms === undefined) return;
  const kept: FormTable = {};
  for (const key of keys ?? Object.keys(forms)) {
    const form = forms[key];
    if (form !== undefined) kept[key] = form;
  }
  if (Object.keys(kept).length > 0) attachForms(target, { ...formsOf(target), ...kept });
}

/** Replaces each LosslessNumber with its number and records its text on the container holding it. */
function settle(container: Container): void {
  let forms: FormTable | undefined;
  const visit = (key: string, value: unknown): unknown => {
    if (isLosslessNumber(value)) {
      forms ??= {};
      forms[key] = value.value;
      return Number(value.value);
    }
    if (isContainer(value)) settle(value);
    return value;
  };
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) container[i] = visit(String(i), container[i]);
  } else {
    for (const key of Object.keys(container)) container[key] = visit(key, container[key]);
  }
  if (forms !== undefined) attachForms(container, forms);
}

/**
 * Parses upstream JSON, keeping the form of numbers JSON.parse would lose. Text without such numbers
 * (every neuron record NeuroMorpho publishes) takes JSON.parse alone; the rest (morphometry) the
 * lossless parser, about 5 times slower. Throws a SyntaxError for text that is not JSON. Of duplicate
 * keys the last wins, as with JSON.parse and Python.
 */
export function parsePayload(text: string): unknown {
  if (!MAYBE_FORM_LOSING.test(text)) return JSON.parse(text);
  let recorded = 0;
  const value = parseLossless(text, null, {
    parseNumber: (token) => {
      if (!formMatters(token)) return Number(token);
      recorded++;
      return new LosslessNumber(token);
    },
    onDuplicateKey: ({ newValue }) => newValue,
  });
  if (recorded > 0 && isContainer(value)) settle(value);
  return value;
}

/** A copy carrying LosslessNumbers where forms are recorded; the value itself when there are none. */
function withLosslessNumbers(value: unknown): unknown {
  if (!isContainer(value)) return value;
  const forms = formsOf(value);
  let copy: Container | undefined;
  const put = (key: string, item: unknown) => {
    const form = forms?.[key];
    const next =
      form !== undefined && typeof item === 'number' ? new LosslessNumber(form) : withLosslessNumbers(item);
    if (next === item && copy === undefined) return;
    copy ??= Array.isArray(value) ? [...value] : { ...value };
    (copy as Record<string, unknown>)[key] = next;
  };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) put(String(i), value[i]);
  } else {
    for (const key of Object.keys(value)) put(key, value[key]);
  }
  return copy ?? value;
}

/**
 * JSON text in which recorded numbers keep their sent form, so `parsePayload` reads back exactly what
 * was stored (the Redis cache round trip). Without recorded forms it is JSON.stringify itself.
 */
export function stringifyPayload(value: unknown): string {
  const tree = withLosslessNumbers(value);
  if (tree === value) return JSON.stringify(value);
  const text = stringifyLossless(tree);
  if (text === undefined) throw new TypeError('value cannot be written as JSON');
  return text;
}
