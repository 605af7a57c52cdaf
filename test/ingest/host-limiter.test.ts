import { describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../src/ingest/host-limiter.ts';

type Gate = { promise: Promise<void>; open: () => void };
const gate = (): Gate => {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Runs tasks that wait on gates, tracking how many run at once overall and per host. */
function harness(perHost: number, global: number) {
  const limiter = createHostLimiter({ perHost, global });
  const running = new Map<string, number>();
  const peak = { global: 0, perHost: new Map<string, number>() };
  const started: string[] = [];
  let total = 0;
  const task = (url: string, id: string, g: Gate) =>
    limiter.run(url, async () => {
      const host = new URL(url).hostname;
      started.push(id);
      total++;
      running.set(host, (running.get(host) ?? 0) + 1);
      peak.global = Math.max(peak.global, total);
      peak.perHost.set(host, Math.max(peak.perHost.get(host) ?? 0, running.get(host)!));
      await g.promise;
      total--;
      running.set(host, running.get(host)! - 1);
      return id;
    });
  return { limiter, task, peak, started };
}

describe('createHostLimiter', () => {
  it('when many tasks target one host, then at most perHost run at once', async () => {
    const h = harness(2, 16);
    const gates = Array.from({ length: 6 }, gate);
    const done = gates.map((g, i) => h.task('https://a.example/feed', `a${i}`, g));
    await tick();
    expect(h.started).toEqual(['a0', 'a1']);
    expect(h.limiter.stats()).toEqual({ active: 2, queued: 4 });
    gates.forEach((g) => g.open());
    expect(await Promise.all(done)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
    expect(h.peak.perHost.get('a.example')).toBe(2);
  });

  it('when tasks span many hosts, then at most global run at once', async () => {
    const h = harness(2, 3);
    const gates = Array.from({ length: 8 }, gate);
    const done = gates.map((g, i) => h.task(`https://h${i}.example/`, `h${i}`, g));
    await tick();
    expect(h.started).toHaveLength(3);
    gates.forEach((g) => g.open());
    await Promise.all(done);
    expect(h.peak.global).toBe(3);
  });

  it('when slots free up, then waiting tasks start in arrival order', async () => {
    const h = harness(1, 1);
    const gates = Array.from({ length: 4 }, gate);
    const done = gates.map((g, i) => h.task(`https://h${i % 2}.example/`, `t${i}`, g));
    for (const g of gates) {
      await tick();
      g.open();
    }
    await Promise.all(done);
    expect(h.started).toEqual(['t0', 't1', 't2', 't3']);
  });

  it('when the head of the queue waits on a busy host, then other hosts behind it still start', async () => {
    const h = harness(1, 4);
    const [a0, a1, b0] = [gate(), gate(), gate()];
    const done = [
      h.task('https://a.example/1', 'a0', a0),
      h.task('https://a.example/2', 'a1', a1),
      h.task('https://b.example/', 'b0', b0),
    ];
    await tick();
    expect(h.started).toEqual(['a0', 'b0']);
    [a0, a1, b0].forEach((g) => g.open());
    await Promise.all(done);
    expect(h.started).toEqual(['a0', 'b0', 'a1']);
  });

  it('when a task throws, then its slot is released and the error reaches the caller', async () => {
    const limiter = createHostLimiter({ perHost: 1, global: 1 });
    await expect(limiter.run('https://a.example/', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await expect(limiter.run('https://a.example/', async () => 'next')).resolves.toBe('next');
    expect(limiter.stats()).toEqual({ active: 0, queued: 0 });
  });

  it('when two URLs differ only in port, then they share the host limit', async () => {
    const h = harness(1, 4);
    const [g1, g2] = [gate(), gate()];
    const done = [h.task('http://a.example:8080/', 'p1', g1), h.task('http://a.example:9090/', 'p2', g2)];
    await tick();
    expect(h.started).toEqual(['p1']);
    g1.open();
    g2.open();
    await Promise.all(done);
  });
});
