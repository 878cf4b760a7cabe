import { describe, expect, it } from 'vitest';
import { createPkcePair } from '../auth/pkce';
import { containsToken } from '../auth/redact';
import { createLogger, createMemoryLogger, formatLogLine, streamSink, teeSinks } from './logger';

const at = new Date(Date.UTC(2025, 0, 2, 3, 4, 5));

describe('log lines', () => {
  it('are one JSON object per event: time, level, event, then the fields', () => {
    const line = formatLogLine('warn', 'ipc.refused', { channel: 'inbox:list', count: 2 }, at);
    expect(line).toBe(
      '{"time":"2025-01-02T03:04:05.000Z","level":"warn","event":"ipc.refused","channel":"inbox:list","count":2}',
    );
    expect(line).not.toContain('\n');
  });

  it('never carry a token, refresh token, OAuth code or code verifier', () => {
    const { verifier } = createPkcePair();
    const line = formatLogLine(
      'error',
      'oauth.failed',
      {
        url: `https://slack.com/api/oauth.v2.access?code=123.456.abc&code_verifier=${verifier}`,
        body: `token=xoxp-1-2-S3CR3T&refresh_token=xoxe-1-REFRESHVAL`,
        credentials: { accessToken: 'xoxe.xoxp-1-R0T', refreshToken: 'OPAQUEVAL', user: { id: 'U1' } },
        headers: { Authorization: 'Bearer xoxb-1-2-B0T' },
        nested: JSON.stringify({ refresh_token: 'INNERSECRET', code_verifier: verifier }),
        pkce: { verifier, challenge: 'public-challenge' },
        error: new Error(`invalid_auth for xoxp-9-9-L3AK`),
      },
      at,
    );
    expect(containsToken(line.replaceAll('[redacted]', ''))).toBe(false);
    for (const secret of [
      verifier,
      '123.456.abc',
      'S3CR3T',
      'REFRESHVAL',
      'R0T',
      'OPAQUEVAL',
      'B0T',
      'INNERSECRET',
      'L3AK',
    ])
      expect(line).not.toContain(secret);
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed['credentials']).toEqual({
      accessToken: '[redacted]',
      refreshToken: '[redacted]',
      user: { id: 'U1' },
    });
    expect(parsed['pkce']).toEqual({ verifier: '[redacted]', challenge: 'public-challenge' });
  });

  it('turn errors into name, message, code, category and stack', () => {
    const error = Object.assign(new Error('rate limited'), { code: 'ratelimited', category: 'rate_limit' });
    const parsed = JSON.parse(formatLogLine('error', 'queue.error', { error }, at)) as {
      error: Record<string, unknown>;
    };
    expect(parsed.error).toMatchObject({
      name: 'Error',
      message: 'rate limited',
      code: 'ratelimited',
      category: 'rate_limit',
    });
    expect(String(parsed.error['stack'])).toContain('logger.test');
  });

  it('survive cycles, shared objects, bigints, maps and reserved field names', () => {
    const shared = { id: 1 };
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    const parsed = JSON.parse(
      formatLogLine(
        'info',
        'x',
        { a: shared, b: shared, cyclic, big: 10n, map: new Map([['token', 'xoxp-1-2']]), level: 'mine' },
        at,
      ),
    ) as Record<string, unknown>;
    expect(parsed).toMatchObject({ level: 'info', _level: 'mine', a: { id: 1 }, b: { id: 1 }, big: '10' });
    expect(parsed['cyclic']).toEqual({ name: 'loop', self: '[cycle]' });
    expect(parsed['map']).toEqual({ token: '[redacted]' });
  });

  it('cut very long strings', () => {
    const parsed = JSON.parse(formatLogLine('info', 'x', { text: 'a'.repeat(10_000) }, at)) as {
      text: string;
    };
    expect(parsed.text.length).toBeLessThan(4_100);
    expect(parsed.text).toContain('(10000 chars)');
  });
});

describe('loggers', () => {
  it('a memory logger keeps the lines as written and parsed', () => {
    const log = createMemoryLogger(() => at);
    log.info('app.start', { version: '0.1.0' });
    log.error('sync.failed', { error: new Error('boom') });
    expect(log.lines).toHaveLength(2);
    expect(log.find('app.start')).toEqual([
      { time: at.toISOString(), level: 'info', event: 'app.start', version: '0.1.0' },
    ]);
    expect(log.entries().map((e) => e.level)).toEqual(['info', 'error']);
  });

  it('a sink that throws never reaches the caller', () => {
    const log = createLogger(() => {
      throw new Error('disk full');
    });
    expect(() => log.error('x')).not.toThrow();
  });

  it('a stream sink writes one line per event; a tee feeds every sink', () => {
    const written: string[] = [];
    const seen: string[] = [];
    const log = createLogger(
      teeSinks(
        () => {
          throw new Error('broken');
        },
        streamSink({ write: (chunk: string) => written.push(chunk) > 0 }),
        (line, level) => seen.push(`${level}:${line.length > 0}`),
      ),
      () => at,
    );
    log.warn('w');
    expect(written).toEqual([`${formatLogLine('warn', 'w', {}, at)}\n`]);
    expect(seen).toEqual(['warn:true']);
  });
});
