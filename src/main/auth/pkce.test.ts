import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeChallengeS256, createOAuthState, createPkcePair, isValidVerifier, secretsEqual } from './pkce';

describe('pkce', () => {
  it('derives the S256 challenge as base64url(sha256(verifier)) without padding', () => {
    expect(codeChallengeS256('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    const pair = createPkcePair();
    expect(isValidVerifier(pair.verifier)).toBe(true);
    expect(pair.challenge).toBe(createHash('sha256').update(pair.verifier).digest('base64url'));
    expect(pair.challenge).not.toContain('=');
  });

  it('makes fresh random verifiers and states', () => {
    expect(createPkcePair().verifier).not.toBe(createPkcePair().verifier);
    expect(createOAuthState()).not.toBe(createOAuthState());
    expect(createOAuthState().length).toBeGreaterThanOrEqual(32);
  });

  it('compares secrets exactly', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abd')).toBe(false);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
  });
});
