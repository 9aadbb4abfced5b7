import { z } from 'zod';

/**
 * One setting, read from its raw string (environment variable or flag). `valid` is the zod schema of a
 * good value; a bad one is one problem, worded `<NAME> <expected> (got "<raw>")`, and the fallback
 * stands in for it. The problem is marked to let parsing go on, so the checks across settings still run
 * and a bad configuration is reported whole, not one variable per start.
 */
function setting<T, F>(valid: z.ZodType<T>, expected: string, fallback: F, echo = true) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | F => {
      if (raw === undefined) return fallback;
      const parsed = valid.safeParse(raw);
      if (parsed.success) return parsed.data;
      ctx.issues.push({
        code: 'custom',
        input: raw,
        continue: true,
        message: echo ? `${expected} (got "${raw}")` : expected,
      });
      return fallback;
    });
}

/** A whole number in min..max, written in digits only (no sign, exponent or fraction). */
export function integer<F extends number | undefined>(min: number, max: number, fallback: F) {
  const digits = z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().min(min).max(max));
  return setting(digits, `must be an integer in ${min}..${max}`, fallback);
}

export function boolean(fallback: boolean) {
  const word = z.enum(['true', 'false']).transform((value) => value === 'true');
  return setting(word, 'must be true or false', fallback);
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return setting(z.enum(values), `must be one of ${values.join(', ')}`, fallback);
}

/** Free text: any value is taken as it is. */
export function text<F extends string | null>(fallback: F) {
  return setting(z.string(), '', fallback);
}

/** Text that `valid` must accept; `expected` says what it should be. */
export const matching = setting;

/** A secret: its problems never repeat the value, which would put it in logs and terminals. */
export function secret(valid: z.ZodType<string>, expected: string) {
  return setting(valid, expected, null, false);
}

/** A comma-separated list, as its trimmed, non-empty entries. */
export function list<F extends readonly string[]>(fallback: F) {
  const entries = z.string().transform((raw) =>
    raw
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value !== ''),
  );
  return setting(entries, '', fallback);
}

/** A value that `parse` turns into T or refuses with an Error whose message says why. */
export function parsed<T>(parse: (raw: string) => T, expected: string, fallback: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      try {
        return parse(raw ?? fallback);
      } catch (error) {
        ctx.issues.push({
          code: 'custom',
          input: raw,
          continue: true,
          message: `${expected}: ${(error as Error).message}`,
        });
        return parse(fallback);
      }
    });
}

/** Every problem zod found, worded as `<NAME> <problem>` (checks across settings are worded whole). */
export function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) =>
    issue.path.length === 0 ? issue.message : `${issue.path.join('.')} ${issue.message}`,
  );
}
