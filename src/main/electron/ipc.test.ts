import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames, type Handlers } from '../../shared/contract';
import { ok } from '../../shared/result';

const registered = new Map<string, (...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: { handle: vi.fn((name: string, fn: (...args: unknown[]) => unknown) => registered.set(name, fn)) },
}));

const { createInvokeHandler, registerIpc } = await import('./ipc');
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
  ])('refuses %s without running the handler', async (_name, frame) => {
    const handle = createInvokeHandler('session:get', () => handlers, APP);
    const result = await handle({ senderFrame: frame as never }, undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(handlers['session:get']).not.toHaveBeenCalled();
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
