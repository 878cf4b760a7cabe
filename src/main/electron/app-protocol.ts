/**
 * The packaged renderer is served from `app://admit/`, a standard, secure custom scheme, rather
 * than file://: the page gets a real origin to check IPC senders against, file:// keeps no extra
 * privileges, and every response carries the CSP header.
 */
import type { CustomScheme, Protocol } from 'electron';
import { readStatic, resolveInside } from '../files/static-files';
import { CONTENT_SECURITY_POLICY } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'admit';
/** `scheme://host` of the packaged renderer, the base IPC senders are checked against. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads in a packaged build. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The privileges of app://, registered before `ready`: standard (real origin, relative URLs) and secure. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Headers every app:// response carries. */
const securityHeaders = (contentType: string): Record<string, string> => ({
  'Content-Type': contentType,
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
});

const refuse = (status: number, text: string): Response =>
  new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });

/** The app:// handler: serves files from `root` for GET/HEAD on app://admit, refusing anything outside it. */
export const createAppProtocolHandler =
  (root: string) =>
  async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, 'Bad request');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, 'Not found');
    if (resolveInside(root, url.pathname) === null) return refuse(403, 'Forbidden');
    const file = await readStatic(root, url.pathname);
    if (!file) return refuse(404, 'Not found');
    const body = request.method === 'HEAD' ? null : new Uint8Array(file.body);
    return new Response(body, { status: 200, headers: securityHeaders(file.type) });
  };

/** Serves `root` on app:// (call after `ready`). */
export const serveAppProtocol = (protocol: Pick<Protocol, 'handle'>, root: string): void => {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
};
