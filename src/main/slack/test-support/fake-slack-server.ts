/**
 * The scripted Slack of fake-fetch.ts behind a real loopback HTTP server, for code that makes its
 * own exchanges with Node's fetch (the sync worker in the browser host). A handler that throws
 * drops the connection, as a network that fails mid-call would.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeHandler, RecordedCall } from './fake-fetch';

export type FakeSlackServer = {
  /** The API base to give the client (ends with `/api/`). */
  apiUrl: string;
  calls: RecordedCall[];
  close(): Promise<void>;
};

export const startFakeSlackServer = async (handler: FakeHandler): Promise<FakeSlackServer> => {
  const calls: RecordedCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const method = url.slice(url.lastIndexOf('/') + 1);
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const headers = Object.fromEntries(
        Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
      );
      const call = { method, params, headers };
      calls.push(call);
      Promise.resolve()
        .then(() => handler(call, calls.length - 1))
        .then(
          (reply) => {
            const body =
              typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? { ok: true });
            res.writeHead(reply.status ?? 200, {
              'content-type': 'application/json; charset=utf-8',
              ...reply.headers,
            });
            res.end(body);
          },
          () => req.socket.destroy(),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
