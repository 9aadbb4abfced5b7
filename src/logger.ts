import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** pino level: fatal, error, warn, info, debug, trace or silent. @default 'info' */
  level: string;
  /** Where JSON lines go. @default standard output */
  destination?: DestinationStream;
}

/** Structured JSON logs. Authorization headers and tokens are redacted wherever they appear. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'neuromorpho-gateway' },
      redact: {
        // A wildcard stands for one level: `config.adminToken` is `*.adminToken`, `headers.authorization`
        // is `*.authorization`, `req.headers.authorization` is `*.headers.authorization`.
        paths: ['authorization', '*.authorization', '*.headers.authorization', 'adminToken', '*.adminToken'],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}
