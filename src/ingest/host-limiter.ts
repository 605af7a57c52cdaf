/**
 * Politeness and resource limits for feed requests: at most `perHost` in flight to one host and
 * `global` in total. Waiting tasks start in arrival order, except that a task whose host is busy
 * does not hold up tasks for other hosts queued behind it.
 */
export type HostLimiterOptions = { perHost?: number; global?: number };

export type HostLimiter = {
  run<T>(url: string, fn: () => Promise<T>): Promise<T>;
  /** Tasks running and waiting, for logs and tests. */
  stats(): { active: number; queued: number };
};

type Waiter = { host: string; start: () => void };

/** Hosts are compared by name without port: politeness is about the server, not the socket. */
export function hostKey(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}

export function createHostLimiter({ perHost = 2, global = 16 }: HostLimiterOptions = {}): HostLimiter {
  if (perHost < 1 || global < 1) throw new RangeError('host limiter limits must be at least 1');
  const activeByHost = new Map<string, number>();
  const queue: Waiter[] = [];
  let active = 0;

  const hasRoom = (host: string) => active < global && (activeByHost.get(host) ?? 0) < perHost;

  const acquire = (host: string) => {
    active++;
    activeByHost.set(host, (activeByHost.get(host) ?? 0) + 1);
  };

  const release = (host: string) => {
    active--;
    const left = (activeByHost.get(host) ?? 1) - 1;
    if (left === 0) activeByHost.delete(host);
    else activeByHost.set(host, left);
    drain();
  };

  // Starts the earliest waiters that fit; scanning is fine for the thousands of feeds we poll.
  function drain(): void {
    for (let i = 0; i < queue.length && active < global;) {
      const waiter = queue[i];
      if (!hasRoom(waiter.host)) {
        i++;
        continue;
      }
      queue.splice(i, 1);
      acquire(waiter.host);
      waiter.start();
    }
  }

  async function run<T>(url: string, fn: () => Promise<T>): Promise<T> {
    const host = hostKey(url);
    await new Promise<void>((start) => {
      queue.push({ host, start });
      drain();
    });
    try {
      return await fn();
    } finally {
      release(host);
    }
  }

  return { run, stats: () => ({ active, queued: queue.length }) };
}
