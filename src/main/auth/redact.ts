/** Leak guards: find and mask Slack tokens, refresh tokens, OAuth codes and PKCE verifiers in text. */

/**
 * Matches any Slack token: `xoxp-…`, `xoxb-…`, `xoxe-1-…` (refresh tokens), `xoxe.xoxp-…` (rotating
 * access tokens). Not global, so `TOKEN_PATTERN.test(text)` is safe to call repeatedly.
 */
export const TOKEN_PATTERN = /xox(?:e\.xox)?[a-z]-[A-Za-z0-9-]+/;

const TOKEN_GLOBAL = new RegExp(TOKEN_PATTERN.source, 'g');

// A secret carried by name: `code_verifier=…` in a URL or form, `"refresh_token":"…"` in JSON, `Bearer …`.
// A bare `code` is masked only in URL/form syntax, so error objects' `"code":"slack_auth"` stay readable.
const SECRET_FIELDS = 'code_verifier|refresh_token|access_token|client_secret|token';
const FIELD_FORM = new RegExp(`\\b(${SECRET_FIELDS}|code)=([^&\\s"',;]+)`, 'gi');
const FIELD_JSON = new RegExp(`(["']?\\b(?:${SECRET_FIELDS})["']?\\s*:\\s*["'])([^"']+)(["'])`, 'gi');
const BEARER = /\b(Bearer\s+)(\S+)/gi;

const MASK = '[redacted]';

/** Returns the text with every token, refresh token, OAuth code and code verifier replaced by `[redacted]`. */
export const redactSecrets = (text: string): string =>
  text
    .replace(TOKEN_GLOBAL, (token) => `${token.slice(0, token.indexOf('-') + 1)}${MASK}`)
    .replace(FIELD_FORM, (_m, name: string) => `${name}=${MASK}`)
    .replace(FIELD_JSON, (_m, head: string, _value: string, tail: string) => `${head}${MASK}${tail}`)
    .replace(BEARER, (_m, head: string) => `${head}${MASK}`);

/** Does the text still contain anything that looks like a Slack token? */
export const containsToken = (text: string): boolean => TOKEN_PATTERN.test(text);
