/** PKCE (RFC 7636) helpers: a random verifier, its S256 challenge, and the single-use `state`. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A PKCE verifier and the S256 challenge derived from it. */
export type PkcePair = { verifier: string; challenge: string; method: 'S256' };

/** The S256 code challenge of a verifier: base64url(sha256(verifier)), no padding. */
export const codeChallengeS256 = (verifier: string): string =>
  createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** A fresh verifier (32 random bytes → 43 base64url characters, the RFC minimum length) and its challenge. */
export const createPkcePair = (): PkcePair => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: codeChallengeS256(verifier), method: 'S256' };
};

/** A fresh unguessable `state` value for one sign-in attempt. */
export const createOAuthState = (): string => randomBytes(24).toString('base64url');

/** Is this a syntactically valid PKCE verifier (43–128 unreserved characters)? */
export const isValidVerifier = (verifier: string): boolean => /^[A-Za-z0-9\-._~]{43,128}$/.test(verifier);

/** Compares two secrets without leaking where they differ through timing. */
export const secretsEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
};
