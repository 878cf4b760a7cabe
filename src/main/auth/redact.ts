/** Leak guards: find and mask Slack tokens, refresh tokens, OAuth codes and PKCE verifiers in text. */

/**
 * Matches any Slack token: `xoxp-…`, `xoxb-…`, `xoxe-1-…` (refresh tokens), `xoxe.xoxp-…` (rotating
 * access tokens), `xoxc-`/`xoxd-` (browser session tokens, `%`-encoded in cookies) and `xapp-…`
 * (app-level tokens). Not global, so `TOKEN_PATTERN.test(text)` is safe to call repeatedly.
 */
export const TOKEN_PATTERN = /(?:xox(?:e\.xox)?[a-z]|xapp)-[A-Za-z0-9%_-]+/;

const TOKEN_GLOBAL = new RegExp(TOKEN_PATTERN.source, 'g');

/**
 * Field names whose values are secrets, in any spelling Admit uses: `token`, `access_token`,
 * `refreshToken`, `code_verifier`, `verifier`, `client_secret`, `password`… (a name ending in one of
 * these words). `token_type`, `tokenStorage` and `tokens` are not secrets and do not match.
 */
const SECRET_NAME = '[A-Za-z_]*(?:token|secret|verifier|password)';
const SECRET_NAME_PATTERN = new RegExp(`^${SECRET_NAME}$`, 'i');

// A secret carried by name: `code_verifier=…` in a URL or form, `"refresh_token":"…"` in JSON (also
// JSON inside a JSON string, with escaped quotes), `Bearer …`. A bare `code` is masked only in URL or
// form syntax, so error objects' `"code":"slack_auth"` and `error_code=invalid_auth` stay readable.
const FIELD_FORM = new RegExp(`\\b(${SECRET_NAME}|code)=([^&\\s"',;\\\\]+)`, 'gi');
const FIELD_JSON = new RegExp(`(\\\\?["']?\\b${SECRET_NAME}\\\\?["']?\\s*:\\s*\\\\?["'])([^"'\\\\]+)`, 'gi');
const BEARER = /\b(Bearer\s+)([^\s"',;\\]+)/gi;
// A Slack OAuth code has the shape `<digits>.<digits>.<hex>`, wherever it turns up.
const OAUTH_CODE = /\b\d{6,}\.\d{6,}\.[0-9a-f]{16,}\b/g;

const MASK = '[redacted]';

/** Is a field with this name a secret (`accessToken`, `code_verifier`, `client_secret`…)? */
export const isSecretFieldName = (name: string): boolean => SECRET_NAME_PATTERN.test(name);

/** Returns the text with every token, refresh token, OAuth code and code verifier replaced by `[redacted]`. */
export const redactSecrets = (text: string): string =>
  text
    .replace(TOKEN_GLOBAL, (token) => `${token.slice(0, token.indexOf('-') + 1)}${MASK}`)
    .replace(FIELD_FORM, (_m, name: string) => `${name}=${MASK}`)
    .replace(FIELD_JSON, (_m, head: string) => `${head}${MASK}`)
    .replace(BEARER, (_m, head: string) => `${head}${MASK}`)
    .replace(OAUTH_CODE, MASK);

/** Does the text still contain anything that looks like a Slack token? */
export const containsToken = (text: string): boolean => TOKEN_PATTERN.test(text);
