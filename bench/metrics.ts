/** Per-node CPU, RSS and event-loop lag read from each node's Prometheus `/metrics`. */

/** Unlabelled samples of a Prometheus text page, by metric name. */
export async function scrape(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.includes('{')) continue;
    const [name, value] = line.trim().split(/\s+/);
    if (name && value !== undefined) out.set(name, Number(value));
  }
  return out;
}

export interface NodeUsage {
  /** CPU time over wall time in the window (1 = one core busy). */
  readonly cpu: number;
  readonly rssMiB: number;
  /** Event-loop delay p99 and max (ms) since the previous scrape (prom-client resets it per scrape). */
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
}

/** Usage between two scrapes `seconds` apart. */
export function usage(before: Map<string, number>, after: Map<string, number>, seconds: number): NodeUsage {
  const cpu =
    (after.get('djchain_process_cpu_seconds_total') ?? 0) -
    (before.get('djchain_process_cpu_seconds_total') ?? 0);
  return {
    cpu: Number((cpu / seconds).toFixed(2)),
    rssMiB: Math.round((after.get('djchain_process_resident_memory_bytes') ?? 0) / 2 ** 20),
    lagP99Ms: Number(((after.get('djchain_nodejs_eventloop_lag_p99_seconds') ?? 0) * 1000).toFixed(1)),
    lagMaxMs: Number(((after.get('djchain_nodejs_eventloop_lag_max_seconds') ?? 0) * 1000).toFixed(1)),
  };
}
