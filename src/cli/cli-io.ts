import type { Command } from 'commander';
import { createGatewayClient, type GatewayClient } from './gateway-client.js';

/** The one way the command line sees a terminal: text out, and whether it is a terminal (for the bar). */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Everything the command line takes from its process, handed in by main.ts (the only file reading it). */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C: a command following a dataset stops following it (the dataset goes on). */
  signal?: AbortSignal;
}

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000';
export const URL_VARIABLE = 'NEUROMORPHO_GATEWAY_URL';
/** The gateway's own name for its write token, so one exported variable serves both. */
export const TOKEN_VARIABLE = 'ADMIN_TOKEN';

/** What a command's action works with: the gateway client and how to print. */
export interface CommandContext {
  client: GatewayClient;
  json: boolean;
  io: CliIo;
  /** A line for people (nothing with --json). */
  say(line: string): void;
  /** The one JSON document of a --json run. */
  printJson(value: unknown): void;
}

interface GlobalOptions {
  url?: string;
  token?: string;
  json?: boolean;
}

export function commandContext(command: Command, io: CliIo): CommandContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const nonEmpty = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  const url = options.url ?? nonEmpty(io.env[URL_VARIABLE]) ?? DEFAULT_GATEWAY_URL;
  const token = options.token ?? nonEmpty(io.env[TOKEN_VARIABLE]) ?? null;
  const json = options.json === true;
  return {
    client: createGatewayClient({
      url,
      token,
      onWarning: (message) => io.stderr.write(`warning: ${message}\n`),
    }),
    json,
    io,
    say: (line) => {
      if (!json) io.stdout.write(`${line}\n`);
    },
    printJson: (value) => io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
}
