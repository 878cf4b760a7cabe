import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames, type Handlers } from '../../shared/contract';
import { ok } from '../../shared/result';

const registered = new Map<string, (...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: { handle: vi.fn((name: string, fn: (...args: unknown[]) => unknown) => registered.set(name, fn)) },
}));

const { createInvokeHandler, registerIpc } = await import('./ipc');
const { createMemoryLogger } = await import('../log');
const { isTrustedSender } = await import('./trusted-sender');

const APP = 'app://admit';
const handlers = {
  'session:get': vi.fn(async () => ok({ status: 'signed_out', demoAvailable: true })),
} as unknown as Handlers;

describe('IPC sender checks', () => {
  beforeEach(() => vi.clearAllMocks());

  it('registers every contract channel and nothing else', () => {
    registerIpc(() => handlers, APP);
    expect([...registered.keys()].sort()).toEqual([...channelNames].sort());
  });

  it('answers the app’s own main frame', async () => {
    const handle = createInvokeHandler('session:get', () => handlers, APP);
    const result = await handle(
      { senderFrame: { url: `${APP}/index.html`, parent: null } as never },
      undefined,
    );
    expect(result).toMatchObject({ ok: true });
  });

  it.each([
    ['a subframe', { url: `${APP}/index.html`, parent: {} }],
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['a file URL', { url: 'file:///tmp/x.html', parent: null }],
    ['a destroyed frame', null],
    ['a frame with a garbage URL', { url: 'not a url', parent: null }],
  ])('refuses %s without running the handler, and logs it', async (_name, frame) => {
    const log = createMemoryLogger();
    const handle = createInvokeHandler('session:get', () => handlers, APP, log);
    const result = await handle({ senderFrame: frame as never }, undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(handlers['session:get']).not.toHaveBeenCalled();
    expect(log.find('ipc.refused_sender')).toEqual([
      expect.objectContaining({ level: 'warn', channel: 'session:get', subframe: frame?.parent != null }),
    ]);
  });

  it('logs where a refused caller was, without its query string', async () => {
    const log = createMemoryLogger();
    const handle = createInvokeHandler('inbox:list', () => handlers, APP, log);
    await handle(
      { senderFrame: { url: 'https://evil.example/page?token=xoxp-1-2', parent: null } as never },
      {},
    );
    expect(log.find('ipc.refused_sender')[0]).toMatchObject({
      sender: 'https://evil.example/page',
      subframe: false,
    });
    expect(log.lines.join('')).not.toContain('xoxp');
  });

  it('logs nothing for its own window', async () => {
    const log = createMemoryLogger();
    const handle = createInvokeHandler('session:get', () => handlers, APP, log);
    await handle({ senderFrame: { url: `${APP}/index.html`, parent: null } as never }, undefined);
    expect(log.lines).toEqual([]);
  });

  it('validates input after the sender check', async () => {
    const handle = createInvokeHandler('inbox:list', () => handlers, APP);
    const result = await handle({ senderFrame: { url: `${APP}/`, parent: null } as never }, { offset: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('isTrustedSender compares origins exactly', () => {
    expect(isTrustedSender({ url: 'app://admit.evil/x', parent: null } as never, APP)).toBe(false);
  });
});
