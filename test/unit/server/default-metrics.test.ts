import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetrics, EVENT_LOOP_SAMPLE_MS } from '../../../src/server/metrics.js';

// prom-client reaches the monitor through the CommonJS perf_hooks object at call time, so a spy on
// that object sees the options it asks for.
const perfHooks = createRequire(import.meta.url)('node:perf_hooks') as typeof import('node:perf_hooks');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('process metrics', () => {
  it('the event-loop delay monitor samples once a second, not prom-client’s 100 times', () => {
    const monitor = vi.spyOn(perfHooks, 'monitorEventLoopDelay');
    createMetrics();
    expect(monitor).toHaveBeenCalledTimes(1);
    expect(monitor.mock.calls[0]?.[0]).toEqual({ resolution: EVENT_LOOP_SAMPLE_MS });
    expect(EVENT_LOOP_SAMPLE_MS).toBeGreaterThanOrEqual(1000);
  });

  it('keeps every default metric: cpu, memory, handles, heap, gc and the event-loop lag', async () => {
    const names = (await createMetrics().registry.getMetricsAsJSON()).map((metric) => metric.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'nmg_process_process_cpu_seconds_total',
        'nmg_process_process_resident_memory_bytes',
        'nmg_process_process_open_fds',
        'nmg_process_nodejs_active_handles',
        'nmg_process_nodejs_heap_size_used_bytes',
        'nmg_process_nodejs_gc_duration_seconds',
        'nmg_process_nodejs_eventloop_lag_seconds',
        'nmg_process_nodejs_eventloop_lag_p99_seconds',
        'nmg_process_nodejs_eventloop_lag_max_seconds',
      ]),
    );
  });
});
