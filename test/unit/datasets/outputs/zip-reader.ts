import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { tempDir } from '../../../support/temp-dir.js';

const run = promisify(execFile);
const MAX_OUTPUT = 64 * 1024 * 1024;

export interface ZipEntryInfo {
  name: string;
  size: number;
  /** `defN`, `defF`, `stor`...: zipinfo's name of the compression method. */
  method: string;
}

/** Reads a zip back with the system's Info-ZIP tools, an implementation independent of the writer. */
export interface ZipReadBack {
  path: string;
  entries: ZipEntryInfo[];
  /** `unzip -t`: every entry decompressed and its CRC-32 checked. */
  test(): Promise<{ ok: boolean; output: string }>;
  text(name: string): Promise<string>;
  bytes(name: string): Promise<Buffer>;
}

export async function saveZip(stream: Readable | NodeJS.ReadableStream): Promise<string> {
  const path = join(await tempDir('nmg-zip-'), 'dataset.zip');
  await pipeline(stream, createWriteStream(path));
  return path;
}

export async function readZip(path: string): Promise<ZipReadBack> {
  // zipinfo long format: mode version os size attr method date time name (names hold no spaces here).
  const { stdout } = await run('unzip', ['-Z', '-l', path], { maxBuffer: MAX_OUTPUT });
  const entries = stdout
    .split('\n')
    .filter((line) => /^[-d]r/.test(line))
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      return { name: cells.at(-1) as string, size: Number(cells[3]), method: cells[6] as string };
    });
  return {
    path,
    entries,
    async test() {
      try {
        const { stdout: output } = await run('unzip', ['-t', path], { maxBuffer: MAX_OUTPUT });
        return { ok: /No errors detected/.test(output), output };
      } catch (error) {
        return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
      }
    },
    async text(name) {
      return (await run('unzip', ['-p', path, name], { maxBuffer: MAX_OUTPUT })).stdout;
    },
    async bytes(name) {
      const { stdout } = await run('unzip', ['-p', path, name], {
        maxBuffer: MAX_OUTPUT,
        encoding: 'buffer',
      });
      return stdout;
    },
  };
}
