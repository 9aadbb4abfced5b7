/**
 * Reads typed values from the merged environment/flag source, collecting every problem instead of
 * stopping at the first, so a bad configuration is reported whole.
 */
export class ConfigReader {
  readonly problems: string[] = [];

  constructor(private readonly source: Readonly<Record<string, string | undefined>>) {}

  raw(name: string): string | undefined {
    return this.source[name];
  }

  string(name: string, fallback: string): string {
    return this.source[name] ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.source[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
      this.problems.push(`${name} must be an integer in ${min}..${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.source[name];
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.source[name];
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  check(ok: boolean, problem: string): void {
    if (!ok) this.problems.push(problem);
  }
}
