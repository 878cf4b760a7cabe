/**
 * The browser host: the same service as the Electron shell, bridged over loopback HTTP. It binds
 * 127.0.0.1 only, checks Host (DNS rebinding) and Origin on every request, requires the per-launch
 * key in the `x-admit-key` header on every API call, and pushes events over Server-Sent Events,
 * opened with a single-use ticket. Static files need no key: they hold no secret. The routes and
 * their checks are in routes.ts; this file listens, and pushes the events.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName, EventPayload, Handlers } from '../../shared/contract';
import { fail } from '../../shared/result';
import { eventJson } from '../bridge/event-json';
import { createTicketBook } from './event-tickets';
import { DEFAULT_TIMEOUTS, serverTimeoutOptions, type ListenerTimeouts } from './request-guard';
import { json, route, type Routes } from './routes';

export { MAX_EVENT_STREAMS, WEB_CSP } from './routes';

export type WebHostOptions = {
  port: number;
  rendererDir: string;
  /** Fixed key for tests; a random one per launch otherwise. */
  key?: string;
  /** Shorter timeouts for tests. */
  timeouts?: Partial<ListenerTimeouts>;
  /** The clock for event-stream tickets; default Date.now. */
  now?: () => number;
};

export type WebHost = {
  /** The launch URL; the key rides in the fragment, which browsers never send to a server. */
  url: string;
  port: number;
  key: string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  close(): Promise<void>;
};

/** Starts the browser host; `handlers` come from the service, which receives events through `emit`. */
export const startWebHost = async (
  handlersRef: () => Handlers,
  options: WebHostOptions,
): Promise<WebHost> => {
  const key = options.key ?? randomBytes(24).toString('base64url');
  const tickets = createTicketBook(options.now);
  const streams = new Set<http.ServerResponse>();
  let port = options.port;

  const routes: Routes = {
    handlersRef,
    key,
    tickets,
    streams,
    rendererDir: options.rendererDir,
    port: () => port,
  };

  const server = http.createServer(
    serverTimeoutOptions({ ...DEFAULT_TIMEOUTS, ...options.timeouts }),
    (req, res) => {
      route(routes, req, res).catch(() => {
        // A handler that throws answers 500; the host keeps serving everyone else.
        if (!res.headersSent) json(res, 500, fail('internal', 'Something went wrong inside Admit.'));
        else res.destroy();
      });
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#key=${key}`,
    port,
    key,
    emit: (event, payload) => {
      const frame = `event: ${event}\ndata: ${eventJson(payload)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    close: async () => {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
