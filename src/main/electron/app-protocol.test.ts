import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp';

vi.mock('electron', () => ({}));

const { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, serveAppProtocol } =
  await import('./app-protocol');

let dir: string;
let root: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'admit-protocol-'));
  root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Admit</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), 'token');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

describe('the app:// protocol', () => {
  it('is a standard, secure scheme at app://admit', () => {
    expect(APP_ORIGIN).toBe('app://admit');
    expect(APP_INDEX_URL).toBe('app://admit/index.html');
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true },
    });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
  });

  it('serves the page with its type and the CSP header', async () => {
    const response = await get('app://admit/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Admit</title>');
  });

  it('serves / as index.html and nested assets', async () => {
    expect(await (await get('app://admit/')).text()).toContain('Admit');
    const script = await get('app://admit/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://admit/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    'app://admit/..%2fsecret.txt',
    'app://admit/assets/..%2f..%2fsecret.txt',
    'app://admit/%2e%2e%2fsecret.txt',
    'app://admit/..%5csecret.txt',
    'app://admit/index.html%00.js',
  ])('refuses traversal: %s', async (url) => {
    const response = await get(url);
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('token');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses the encoded parent path with 403', async () => {
    expect((await get('app://admit/..%2fsecret.txt')).status).toBe(403);
  });

  it('answers 404 for missing files and other hosts, 405 for other methods', async () => {
    expect((await get('app://admit/nope.js')).status).toBe(404);
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://admit/index.html', 'POST')).status).toBe(405);
  });

  it('registers the handler for the app scheme', () => {
    const protocol = { handle: vi.fn() };
    serveAppProtocol(protocol, root);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });
});
