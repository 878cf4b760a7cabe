import { describe, expect, it, vi } from 'vitest';
import { channelNames, type Handlers } from '../../shared/contract';
import { AdmitError, ok } from '../../shared/result';
import { dispatch } from './dispatch';

const handlers = (): Handlers => {
  const fns = Object.fromEntries(channelNames.map((name) => [name, vi.fn(async () => ok(name))]));
  return fns as unknown as Handlers;
};

describe('dispatch', () => {
  it('runs a handler with its parsed input', async () => {
    const h = handlers();
    const result = await dispatch(h, 'inbox:list', { offset: 0, limit: 50 });
    expect(result).toEqual({ ok: true, value: 'inbox:list' });
    expect(h['inbox:list']).toHaveBeenCalledWith({ offset: 0, limit: 50 });
  });

  it.each([
    ['inbox:list', { offset: -1, limit: 50 }, /offset/],
    ['inbox:list', { offset: 0, limit: 5000 }, /limit/],
    ['inbox:list', { offset: '0', limit: 5 }, /offset/],
    ['inbox:list', { offset: 0, limit: 5, extra: true }, /Unrecognized key|extra/],
    ['inbox:list', null, /Invalid input for inbox:list/],
    ['inbox:get', { id: '' }, /id/],
    ['inbox:get', 'Ar123', /Invalid input/],
    ['session:connectToken', { token: 42 }, /token/],
    ['session:get', { surprise: 1 }, /Invalid input for session:get/],
    // Slack's shapes and limits, not just "a string".
    ['inbox:get', { id: 'not-a-request' }, /a request ID starts with Ar/],
    ['actions:enqueue', { kind: 'cancel', requestId: '', target: { teamId: 'T0001' } }, /requestId/],
    ['actions:enqueue', { kind: 'restrict', appId: 'A0001', target: { teamId: 'E0001' } }, /target/],
    ['actions:enqueue', { kind: 'restrict', appId: 'x'.repeat(40), target: { teamId: 'T0001' } }, /appId/],
    [
      'actions:enqueue',
      {
        kind: 'uninstall',
        appId: 'A0001',
        target: { teamIds: Array.from({ length: 101 }, (_, i) => `T${1000 + i}`) },
      },
      /target/,
    ],
    [
      'actions:enqueue',
      { kind: 'approve', appId: 'A0001', target: { teamId: 'T0001' }, botScopes: ['chat:write,admin'] },
      /botScopes/,
    ],
    [
      'actions:enqueue',
      {
        kind: 'approve',
        appId: 'A0001',
        target: { teamId: 'T0001' },
        botScopes: Array(201).fill('chat:write'),
      },
      /botScopes/,
    ],
  ])(
    'rejects a malformed %s payload with invalid_input and never calls the handler',
    async (channel, input, message) => {
      const h = handlers();
      const result = await dispatch(h, channel, input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message).toMatch(message);
      }
      for (const name of channelNames) expect(h[name]).not.toHaveBeenCalled();
    },
  );

  it('repeats at most 64 characters of anything the caller sent', async () => {
    const key = 'k'.repeat(500);
    const result = await dispatch(handlers(), 'inbox:list', { offset: 0, limit: 5, [key]: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).not.toContain('k'.repeat(65));
      expect(result.error.message).toContain(`${'k'.repeat(64)}…`);
    }
  });

  it.each([['nope:nothing'], [42], [undefined], ['__proto__'], ['constructor'], [{ toString: false }]])(
    'refuses the unknown channel %s',
    async (channel) => {
      const result = await dispatch(handlers(), channel, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    },
  );

  it('turns a thrown AdmitError into its code, and anything else into internal', async () => {
    const h = handlers();
    h['inbox:get'] = async () => {
      throw new AdmitError('not_found', 'No such request');
    };
    h['inbox:refresh'] = async () => {
      throw new TypeError('boom');
    };
    expect(await dispatch(h, 'inbox:get', { id: 'Ar0000001' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such request' },
    });
    expect(await dispatch(h, 'inbox:refresh', undefined)).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('boom') },
    });
  });
});

describe('Slack failures across the bridge', () => {
  it('maps a Slack error category to its contract code and keeps the admin-facing message', async () => {
    const { SlackApiError } = await import('../slack');
    const h = handlers();
    h['inbox:refresh'] = async () => {
      throw new SlackApiError('token_revoked', 'auth.test');
    };
    expect(await dispatch(h, 'inbox:refresh', undefined)).toEqual({
      ok: false,
      error: { code: 'slack_auth', message: expect.stringMatching(/sign in/i) },
    });
  });
});
