import { describe, expect, it } from 'vitest';
import { createPkcePair } from './pkce';
import { containsToken, redactSecrets, TOKEN_PATTERN } from './redact';

describe('redactSecrets', () => {
  it('masks every kind of Slack token', () => {
    const text =
      'user xoxp-123-456-abcDEF bot xoxb-1-2-x rotating xoxe.xoxp-1-2-3-abc refresh xoxe-1-My0xNzA and xoxa-2-q';
    const out = redactSecrets(text);
    expect(out).not.toMatch(/abcDEF|My0xNzA|xoxb-1-2-x|abc$/);
    expect(containsToken(out)).toBe(false);
    expect(out).toContain('xoxp-[redacted]');
    expect(out).toContain('xoxe.xoxp-[redacted]');
  });

  it('masks code verifiers, codes, refresh tokens and bearer headers by name', () => {
    const { verifier } = createPkcePair();
    const form = `code=123.456.abc&code_verifier=${verifier}&redirect_uri=http%3A%2F%2Flocalhost&client_id=1.2`;
    const out = redactSecrets(form);
    expect(out).not.toContain(verifier);
    expect(out).not.toContain('123.456.abc');
    expect(out).toContain('client_id=1.2');
    const json = JSON.stringify({ refresh_token: 'opaque-refresh', code_verifier: verifier, ok: true });
    const masked = redactSecrets(json);
    expect(masked).not.toContain('opaque-refresh');
    expect(masked).not.toContain(verifier);
    expect(masked).toContain('"ok":true');
    expect(redactSecrets('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [redacted]');
  });

  it('exports a non-global TOKEN_PATTERN that is safe to reuse', () => {
    expect(TOKEN_PATTERN.flags).not.toContain('g');
    expect(TOKEN_PATTERN.test('xoxp-1-2')).toBe(true);
    expect(TOKEN_PATTERN.test('xoxp-1-2')).toBe(true);
    expect(TOKEN_PATTERN.test('xoxe.xoxp-1-2')).toBe(true);
    expect(TOKEN_PATTERN.test('no secrets here')).toBe(false);
  });
});

describe('redactSecrets keeps error codes readable', () => {
  it('does not mask an error object code', () => {
    expect(redactSecrets('{"code":"slack_auth","message":"x"}')).toBe('{"code":"slack_auth","message":"x"}');
    expect(redactSecrets('error_code=invalid_auth')).toBe('error_code=invalid_auth');
  });
});
