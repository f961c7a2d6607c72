import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

// Test support only (imported by tests as @shequ/jobs/testing, never by the apps).

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(fn: () => Promise<true | undefined>, what: () => string, ms = 20_000) {
  const end = Date.now() + ms;
  while ((await fn().catch(() => undefined)) === undefined) {
    if (Date.now() > end) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A throw-away Redis Cluster of redis-server processes on spare ports (no persistence, no replicas). */
export type RedisCluster = {
  /** REDIS_CLUSTER_NODES for the processes under test. */
  nodes: string;
  ports: number[];
  /** A plain connection to one node (for cluster administration in tests). */
  node(port: number): Redis;
  /** The node (port) that serves `slot` now, as the nodes themselves say. */
  owner(slot: number): Promise<number>;
  /**
   * Moves one hash slot with its keys to the node on `toPort`, as `redis-cli --cluster reshard` does: the target
   * IMPORTING, the source MIGRATING, the keys moved with MIGRATE in batches, then every node told the new owner.
   * Clients meanwhile get ASK (and TRYAGAIN for multi-key commands on a half-moved set), then MOVED.
   */
  moveSlot(slot: number, toPort: number): Promise<{ keys: number; ms: number }>;
  /** Kills every node and removes the temp directory. */
  stop(): Promise<void>;
};

export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'shequ-cluster-'));
  const servers: ChildProcess[] = [];
  const ports: number[] = [];
  const clients = new Map<number, Redis>();
  const node = (port: number) => {
    let c = clients.get(port);
    if (!c) {
      c = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
      c.on('error', () => {});
      clients.set(port, c);
    }
    return c;
  };
  const stop = async () => {
    for (const c of clients.values()) c.disconnect();
    await Promise.all(
      servers.map((s) => (s.exitCode !== null || s.signalCode !== null ? undefined : new Promise((r) => (s.once('exit', r), s.kill('SIGKILL'))))),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < size; i++) {
      // The cluster bus port is chosen too (by default it is port + 10000, which may not exist or be free).
      const [port, busPort] = [await freePort(), await freePort()];
      ports.push(port);
      servers.push(
        spawn(
          '/usr/bin/redis-server',
          ['--port', String(port), '--cluster-port', String(busPort), '--cluster-enabled', 'yes', '--cluster-config-file', path.join(dir, `nodes-${port}.conf`),
            '--cluster-node-timeout', '2000', '--dir', dir, '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1', '--maxmemory-policy', 'noeviction'],
          { stdio: 'ignore' },
        ),
      );
    }
    for (const port of ports) await waitFor(async () => ((await node(port).ping()) === 'PONG' ? true : undefined), () => `redis-server on ${port} did not start`);
    await new Promise<void>((resolve, reject) =>
      execFile('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], (err, stdout, stderr) =>
        err ? reject(new Error(`redis-cli --cluster create failed: ${stderr || stdout}`)) : resolve(),
      ),
    );
    // Every node sees the whole cluster as ok before anyone uses it.
    for (const port of ports)
      await waitFor(async () => (String(await node(port).call('CLUSTER', 'INFO')).includes('cluster_state:ok') ? true : undefined), () => `cluster not ok on ${port}`);
  } catch (e) {
    await stop();
    throw e;
  }
  const ids = new Map<number, string>();
  for (const port of ports) ids.set(port, String(await node(port).call('CLUSTER', 'MYID')));
  const owner = async (slot: number) => {
    const slots = (await node(ports[0]!).call('CLUSTER', 'SLOTS')) as [number, number, [string, number, string]][];
    const range = slots.find(([from, to]) => slot >= from && slot <= to);
    if (!range) throw new Error(`slot ${slot} has no owner`);
    return range[2][1];
  };
  return {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    ports,
    node,
    owner,
    async moveSlot(slot, toPort) {
      const started = Date.now();
      const fromPort = await owner(slot);
      if (fromPort === toPort) throw new Error(`slot ${slot} is already on ${toPort}`);
      const [from, to] = [node(fromPort), node(toPort)];
      await to.call('CLUSTER', 'SETSLOT', slot, 'IMPORTING', ids.get(fromPort)!);
      await from.call('CLUSTER', 'SETSLOT', slot, 'MIGRATING', ids.get(toPort)!);
      let keys = 0;
      for (;;) {
        const batch = (await from.call('CLUSTER', 'GETKEYSINSLOT', slot, 100)) as string[];
        if (!batch.length) break;
        await from.call('MIGRATE', '127.0.0.1', toPort, '', 0, 5000, 'REPLACE', 'KEYS', ...batch);
        keys += batch.length;
      }
      // The new owner first, then the old one (which then redirects with MOVED), then the rest.
      for (const port of [toPort, fromPort, ...ports.filter((p) => p !== toPort && p !== fromPort)]) await node(port).call('CLUSTER', 'SETSLOT', slot, 'NODE', ids.get(toPort)!);
      return { keys, ms: Date.now() - started };
    },
    stop,
  };
}
