import net from 'node:net';

/**
 * A socket for postgres.js whose writes are gathered into one system call per turn of the event loop.
 *
 * postgres.js writes a query's bytes at once when its buffer passes 1 KB and the rest on the next setImmediate, so
 * a pipelined transaction (a resident's submission: eleven statements) left in three or four writes, and on a
 * loopback connection each write costs the sender the receiver's network processing too: in `pnpm bench intake`
 * these writes were the largest single cost of the web process. Corked, the writes of one turn leave together
 * (one writev), after postgres.js's own setImmediate flush: the uncork waits one more turn of the check phase, so
 * it runs after every setImmediate queued alongside it.
 *
 * Only plain TCP to one host (what DATABASE_*_URL give here); TLS, if configured, runs over this socket unchanged.
 */
export function coalescedSocket(options: { host: string[]; port: number[]; path?: string }): net.Socket {
  const socket = options.path ? net.connect(options.path) : net.connect(options.port[0]!, options.host[0]!);
  socket.setNoDelay(true);
  const write = socket.write;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = function (this: net.Socket, ...args: Parameters<net.Socket['write']>) {
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(() => setImmediate(uncork));
    }
    return write.apply(this, args);
  } as net.Socket['write'];
  return socket;
}
