import type { Readable } from 'node:stream';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { type Dispatcher, request } from 'undici';
import { parsePayload } from '../neuromorpho/payload-json.js';
import { outcomeOfThrown } from './attempt-outcome.js';
import { announcedLength, DEFAULT_MAX_JSON_BYTES, dropBody, readBoundedText } from './bounded-body.js';
import {
  UpstreamBadPayloadError,
  UpstreamHttpError,
  UpstreamNotFoundError,
  UpstreamTimeoutError,
  UpstreamTooLargeError,
} from './errors.js';
import { type AttemptOutcome, decideRetry, type RetryPolicyOptions } from './retry-policy.js';
import { type UpstreamBudget, UpstreamBusyError } from './upstream-budget.js';

/** What the client tells observers (metrics, logs) about each attempt. */
export interface AttemptEvent {
  url: string;
  attempt: number;
  outcome: AttemptOutcome | { kind: 'ok'; status: number };
  /** Set when another attempt follows. */
  retryInMs?: number;
}

export interface UpstreamHttpOptions {
  dispatcher: Dispatcher;
  retry: RetryPolicyOptions;
  /** Deadline for one whole JSON attempt (headers and body). Streams use the dispatcher's idle timeouts. */
  timeoutMs: number;
  /**
   * Largest JSON body accepted, checked on Content-Length and again while reading (an oversized body is
   * refused with UpstreamTooLargeError and never retried). @default 67108864 (64 MiB)
   */
  maxJsonBytes?: number;
  userAgent: string;
  /** Rate and concurrency budget every attempt must get a slot from. */
  budget?: UpstreamBudget;
  onAttempt?: (event: AttemptEvent) => void;
  /** Injected for tests; defaults to real timers, Math.random and Date.now. */
  sleep?: (ms: number) => Promise<unknown>;
  random?: () => number;
  now?: () => number;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Whose request this is, for the budget's fair queue (never sent upstream). */
  clientKey?: string;
  /** Told when an attempt of a JSON request got its slot from the budget (it no longer waits in a queue). */
  onSlot?: () => void;
}

/** A file response whose body has not been read yet. */
export interface OpenedStream {
  body: Readable;
  /** From Content-Length; null when the server did not say. */
  contentLength: number | null;
  contentType: string | null;
}

export interface UpstreamHttp {
  /** GET a JSON document with retries. 404 -> UpstreamNotFoundError; other failures typed (errors.ts). */
  getJson(url: string, options?: RequestOptions): Promise<unknown>;
  /**
   * GET a file, retrying failures that happen before the first body byte. The caller owns the body
   * (and retries from scratch if it breaks mid-way).
   */
  openStream(url: string, options?: RequestOptions): Promise<OpenedStream>;
}

type AttemptResult<T> = { ok: true; value: T } | { ok: false; outcome: AttemptOutcome; cause?: unknown };

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function createUpstreamHttp(options: UpstreamHttpOptions): UpstreamHttp {
  const sleep = options.sleep ?? ((ms: number) => sleepFor(ms));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const maxJsonBytes = options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;

  /** Sends one GET; answers a status outcome for non-2xx, throws UpstreamNotFoundError for 404. */
  async function send(
    url: string,
    accept: string,
    signal: AbortSignal | undefined,
    headers?: Record<string, string>,
  ) {
    const response = await request(url, {
      dispatcher: options.dispatcher,
      method: 'GET',
      headers: { accept, 'user-agent': options.userAgent, ...headers },
      ...(signal ? { signal } : {}),
    });
    if (response.statusCode === 404) {
      await response.body.dump();
      throw new UpstreamNotFoundError(url);
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await response.body.dump();
      const outcome: AttemptOutcome = {
        kind: 'status',
        status: response.statusCode,
        retryAfter: firstHeader(response.headers['retry-after']),
      };
      return { ok: false as const, outcome };
    }
    return { ok: true as const, response };
  }

  const noRelease = () => undefined;
  const acquire = (url: string, clientKey?: string) =>
    options.budget?.acquire(url, clientKey) ?? Promise.resolve(noRelease);

  /** Errors that end the request at once: more attempts would not help or would add load. */
  const isFinal = (error: unknown, signal?: AbortSignal) =>
    error instanceof UpstreamNotFoundError || error instanceof UpstreamBusyError || signal?.aborted === true;

  async function jsonAttempt(url: string, requestOptions: RequestOptions): Promise<AttemptResult<unknown>> {
    const release = await acquire(url, requestOptions.clientKey);
    requestOptions.onSlot?.();
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const signal = requestOptions.signal ? AbortSignal.any([deadline, requestOptions.signal]) : deadline;
    try {
      const sent = await send(url, 'application/json', signal, requestOptions.headers);
      if (!sent.ok) return sent;
      const announcedBytes = announcedLength(sent.response.headers['content-length']);
      if (announcedBytes !== null && announcedBytes > maxJsonBytes) {
        dropBody(sent.response.body);
        return { ok: false, outcome: { kind: 'too-large', limitBytes: maxJsonBytes, announcedBytes } };
      }
      const body = await readBoundedText(sent.response.body, maxJsonBytes);
      if (!body.ok) {
        return { ok: false, outcome: { kind: 'too-large', limitBytes: maxJsonBytes, announcedBytes: null } };
      }
      const text = body.text;
      if (text.trim() === '') return { ok: false, outcome: { kind: 'bad-payload' }, cause: 'empty body' };
      try {
        // Number forms kept (`6.0` stays 6.0 where it is written back out: metadata.json, the Redis cache).
        return { ok: true, value: parsePayload(text) };
      } catch {
        return { ok: false, outcome: { kind: 'bad-payload' }, cause: 'body is not JSON' };
      }
    } catch (error) {
      if (isFinal(error, requestOptions.signal)) throw error;
      return { ok: false, outcome: outcomeOfThrown(error, deadline.aborted), cause: error };
    } finally {
      release();
    }
  }

  async function streamAttempt(
    url: string,
    requestOptions: RequestOptions,
  ): Promise<AttemptResult<OpenedStream>> {
    const release = await acquire(url, requestOptions.clientKey);
    let holdsSlot = false;
    try {
      const sent = await send(url, '*/*', requestOptions.signal, requestOptions.headers);
      if (!sent.ok) return sent;
      // A download keeps its slot until its body is finished, one way or another.
      holdsSlot = true;
      sent.response.body.once('close', release);
      return {
        ok: true,
        value: {
          body: sent.response.body,
          contentLength: announcedLength(sent.response.headers['content-length']),
          contentType: firstHeader(sent.response.headers['content-type']) ?? null,
        },
      };
    } catch (error) {
      if (isFinal(error, requestOptions.signal)) throw error;
      return { ok: false, outcome: outcomeOfThrown(error, false), cause: error };
    } finally {
      if (!holdsSlot) release();
    }
  }

  function finalError(url: string, result: Extract<AttemptResult<unknown>, { ok: false }>): Error {
    const { outcome } = result;
    switch (outcome.kind) {
      case 'status':
        return new UpstreamHttpError(outcome.status, url);
      case 'timeout':
        return new UpstreamTimeoutError(url, { cause: result.cause });
      case 'bad-payload':
        return new UpstreamBadPayloadError(200, url, String(result.cause));
      case 'network':
        return new UpstreamHttpError(0, url, undefined, { cause: result.cause });
      case 'too-large':
        return new UpstreamTooLargeError(url, outcome.limitBytes, { announcedBytes: outcome.announcedBytes });
    }
  }

  /** The retry loop shared by JSON and file requests; the pure policy decides, this only sleeps. */
  async function withRetries<T>(url: string, attemptOnce: () => Promise<AttemptResult<T>>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const result = await attemptOnce();
      if (result.ok) {
        options.onAttempt?.({ url, attempt, outcome: { kind: 'ok', status: 200 } });
        return result.value;
      }
      const decision = decideRetry(options.retry, attempt, result.outcome, now(), random);
      options.onAttempt?.({
        url,
        attempt,
        outcome: result.outcome,
        ...(decision.retry ? { retryInMs: decision.delayMs } : {}),
      });
      if (!decision.retry) throw finalError(url, result);
      await sleep(decision.delayMs);
    }
  }

  return {
    getJson: (url, requestOptions = {}) => withRetries(url, () => jsonAttempt(url, requestOptions)),
    openStream: (url, requestOptions = {}) => withRetries(url, () => streamAttempt(url, requestOptions)),
  };
}
