/**
 * Property-based fuzzing of every contract channel (fast-check): whatever a renderer, a compromised
 * page or a local process sends, dispatch answers with a Result, the error codes are the closed set,
 * nothing throws, and a handler only ever sees input inside Slack's shapes and Admit's limits.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { channelNames, type ChannelName, type Handlers } from '../../shared/contract';
import { ErrorCodeSchema, ok } from '../../shared/result';
import { dispatch } from './dispatch';

const recording = () => {
  const seen: { channel: ChannelName; input: unknown }[] = [];
  const fns = Object.fromEntries(
    channelNames.map((channel) => [
      channel,
      vi.fn(async (input: unknown) => {
        seen.push({ channel, input });
        return ok(null);
      }),
    ]),
  );
  return { handlers: fns as unknown as Handlers, seen };
};

const ID_SHAPES: Record<string, RegExp> = {
  teamId: /^T[A-Z0-9]{2,31}$/,
  enterpriseId: /^E[A-Z0-9]{2,31}$/,
  appId: /^A[A-Z0-9]{2,31}$/,
  requestId: /^Ar[A-Z0-9]{2,30}$/,
};

/** Every ID, list and number a handler receives is within bounds, wherever it sits in the input. */
const assertBounded = (value: unknown, path: string[] = []): void => {
  if (Array.isArray(value)) {
    const key = path.at(-1) ?? '';
    if (key === 'teamIds') expect(value.length).toBeLessThanOrEqual(100);
    if (key === 'botScopes' || key === 'userScopes') expect(value.length).toBeLessThanOrEqual(200);
    value.forEach((v) => assertBounded(v, [...path, key === 'teamIds' ? 'teamId' : key]));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertBounded(v, [...path, k]);
    return;
  }
  const key = path.at(-1) ?? '';
  const shape = ID_SHAPES[key];
  if (shape && typeof value === 'string') expect(value, path.join('.')).toMatch(shape);
  if (typeof value === 'string') expect(value.length, path.join('.')).toBeLessThanOrEqual(2048);
  if (key === 'limit' && typeof value === 'number') expect(value).toBeLessThanOrEqual(1000);
  if (key === 'offset' && typeof value === 'number') expect(value).toBeGreaterThanOrEqual(0);
};

const codes = new Set(ErrorCodeSchema.options);

/** Near-miss inputs: the right keys with values just outside what is allowed. */
const nearMiss = fc.record(
  {
    offset: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER)),
    limit: fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.constant(1e9)),
    id: fc.oneof(fc.string(), fc.constant(''), fc.stringMatching(/^Ar[A-Z0-9]{0,40}$/)),
    kind: fc.constantFrom('approve', 'restrict', 'cancel', 'clearResolution', 'uninstall', 'delete'),
    appId: fc.oneof(fc.string(), fc.stringMatching(/^A[A-Z0-9]{0,40}$/)),
    requestId: fc.oneof(fc.string(), fc.stringMatching(/^Ar[A-Z0-9]{0,40}$/)),
    target: fc.oneof(
      fc.record({ teamId: fc.oneof(fc.string(), fc.stringMatching(/^[TE][A-Z0-9]{0,40}$/)) }),
      fc.record({ enterpriseId: fc.oneof(fc.string(), fc.stringMatching(/^[TE][A-Z0-9]{0,40}$/)) }),
      fc.record({ teamIds: fc.array(fc.stringMatching(/^T[A-Z0-9]{2,6}$/), { maxLength: 130 }) }),
      fc.anything(),
    ),
    botScopes: fc.array(fc.oneof(fc.string(), fc.constantFrom('chat:write', 'a,b', '')), { maxLength: 220 }),
    userScopes: fc.array(fc.string(), { maxLength: 5 }),
    token: fc.string({ maxLength: 600 }),
    enterpriseId: fc.stringMatching(/^E[A-Z0-9]{0,40}$/),
    url: fc.oneof(fc.webUrl(), fc.string()),
    format: fc.constantFrom('csv', 'json', 'xml'),
    online: fc.oneof(fc.boolean(), fc.string()),
    force: fc.oneof(fc.boolean(), fc.integer()),
  },
  { requiredKeys: [] },
);

describe('every channel under fuzzing', () => {
  it.each(channelNames)(
    '%s: any payload gets a Result, a closed error code, and bounded input',
    async (channel) => {
      const { handlers, seen } = recording();
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.anything({ maxDepth: 3 }), nearMiss), async (payload) => {
          seen.length = 0;
          const result = await dispatch(handlers, channel, payload);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) {
            expect(codes.has(result.error.code)).toBe(true);
            expect(result.error.message.length).toBeLessThanOrEqual(500);
          }
          for (const call of seen) assertBounded(call.input);
        }),
        { numRuns: 150 },
      );
    },
  );

  it('an unknown or hostile channel name is refused, never run', async () => {
    const { handlers, seen } = recording();
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (channel, payload) => {
        const result = await dispatch(handlers, channel, payload);
        if (typeof channel === 'string' && (channelNames as readonly string[]).includes(channel)) return;
        expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
      }),
      { numRuns: 300 },
    );
    expect(seen.filter((s) => !channelNames.includes(s.channel))).toEqual([]);
  });
});
