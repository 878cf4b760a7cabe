/**
 * A loopback TCP relay in front of the simulator that can be unplugged: while off, connections are
 * refused, as with no network at all (the simulator's own `offline` fault instead drops requests
 * after they were sent, which Admit must treat as "may have reached Slack").
 */
import net from 'node:net';

/** Starts a relay to `target` (an http://127.0.0.1:PORT/api/ URL); `apiUrl` is the relayed URL. */
export const startNetworkSwitch = async (target) => {
  const targetPort = Number(new URL(target).port);
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server.address().port));
    });
  const port = await listen(0);
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    /** Refuses new connections and cuts idle ones. */
    unplug: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const s of sockets) s.destroy();
      await closed;
    },
    plugIn: () => listen(port),
    stop: async () => {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
  };
};
