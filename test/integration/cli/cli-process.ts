import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a run: no gateway URL or token leaking in from the shell running the tests. */
function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { NEUROMORPHO_GATEWAY_URL: _url, ADMIN_TOKEN: _token, ...rest } = process.env;
  return { ...rest, NO_COLOR: '1', ...env };
}

/** `neuromorpho-gateway <args>` from source, as `npx neuromorpho-gateway` runs the build, with pipes for output. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: root,
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child);
}

/**
 * The same inside a pseudo-terminal (util-linux `script`), so stdout is a TTY and the live bar is drawn.
 * `script -e` exits with the command's exit code; stdout and stderr both arrive on the terminal's output.
 */
export function runCliInTerminal(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const command = [process.execPath, '--import', 'tsx', 'src/main.ts', ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: root,
    // A wide terminal, so the bar's line is not wrapped.
    env: cliEnv({ COLUMNS: '160', LINES: '40', TERM: 'xterm', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child);
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

function collect(child: ReturnType<typeof spawn>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The frames a terminal was sent, one per line: a return to the line's start (`\r` or `ESC[1G`, how a bar
 * redraws itself) starts a new line, and every other control sequence (cursor save/restore, line clears,
 * cursor hiding) is dropped.
 */
export function withoutControlSequences(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is replaced.
      .replace(/\u001b\[1G/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is removed.
      .replace(/\u001b(\[[0-9;?]*[A-Za-z]|[78])/g, '')
      .replace(/\r\n/g, '\n')
      .replace(/\r/g, '\n')
  );
}
