import type { Server } from 'node:http';

/** Runs in a target's child process: listens on a free loopback port and tells the harness which. */
export function serve(server: Server): void {
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
    announce(address.port);
  });
}

/** Tells the harness the port a target's child process listens on, and exits when the harness goes away. */
export function announce(port: number): void {
  process.send?.({ port });
  // The harness went away without stopping us (killed, crashed): never outlive it.
  process.on('disconnect', () => process.exit(0));
  // Exit through process.exit on SIGTERM, so --cpu-prof and other exit hooks run when profiling a target.
  process.on('SIGTERM', () => process.exit(0));
}
