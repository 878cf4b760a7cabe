import { describe, expect, it } from 'vitest';
import { createPkcePair } from './pkce';
import { containsToken, isSecretFieldName, redactSecrets, TOKEN_PATTERN } from './redact';

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

describe('redactSecrets on what a log line may carry', () => {
  it('masks app-level and %-encoded browser tokens', () => {
    const out = redactSecrets('app xapp-1-A0-123-abc cookie d=xoxd-a%2Fb%3D%3D session xoxc-1-2_x');
    expect(out).toBe('app xapp-[redacted] cookie d=xoxd-[redacted] session xoxc-[redacted]');
  });

  it('masks token= in URLs and camelCase secret fields', () => {
    expect(redactSecrets('GET https://x.example/cb?token=abc&x=1')).toBe(
      'GET https://x.example/cb?token=[redacted]&x=1',
    );
    const json = JSON.stringify({
      accessToken: 'a1',
      refreshToken: 'r1',
      codeVerifier: 'v1',
      verifier: 'v2',
    });
    const out = redactSecrets(json);
    for (const secret of ['a1', 'r1', 'v1', 'v2']) expect(out).not.toContain(`"${secret}"`);
  });

  it('masks secrets in JSON held inside a JSON string (escaped quotes)', () => {
    const nested = JSON.stringify({ body: JSON.stringify({ refresh_token: 'opaque-r', ok: false }) });
    const out = redactSecrets(nested);
    expect(out).not.toContain('opaque-r');
    expect(out).toContain('ok');
  });

  it('masks a Slack OAuth code by its shape, and a bearer token inside JSON', () => {
    const code = '4724469134.4644010092847.232b4e6d82c333b475fc30f5f5a341d2';
    expect(redactSecrets(`exchanging ${code} now`)).toBe('exchanging [redacted] now');
    expect(redactSecrets('{"authorization":"Bearer abc.def"}')).toBe('{"authorization":"Bearer [redacted]"}');
    expect(redactSecrets('message ts 1700000000.123456')).toBe('message ts 1700000000.123456');
  });

  it('keeps non-secret neighbours readable', () => {
    const text = '{"tokenStorage":"memory","token_type":"user","tokens":3,"state":"paused"}';
    expect(redactSecrets(text)).toBe(text);
  });

  it('names secret fields', () => {
    for (const name of [
      'token',
      'access_token',
      'refreshToken',
      'code_verifier',
      'client_secret',
      'password',
    ])
      expect(isSecretFieldName(name)).toBe(true);
    for (const name of ['code', 'tokenStorage', 'token_type', 'tokens', 'state', 'enterpriseId'])
      expect(isSecretFieldName(name)).toBe(false);
  });
});
