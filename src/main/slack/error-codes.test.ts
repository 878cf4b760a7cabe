import { describe, expect, it } from 'vitest';
import { LOCAL_ERROR_CODES, SLACK_ERROR_CATEGORIES, SLACK_ERROR_CODES } from './error-codes';
import { classifySlackError } from './errors';
import {
  extractSeedDocTokens,
  readMethodReferences,
  readOpenApiErrorCodes,
  readSeedDocs,
  resolveGluedToken,
} from './test-support/reference';

const known = new Set(Object.keys(SLACK_ERROR_CODES));

describe('error taxonomy vs the reference', () => {
  it('classifies every error (and warning) in slack-methods/*.json', () => {
    const missing: string[] = [];
    for (const m of readMethodReferences()) {
      for (const code of [...Object.keys(m.errors ?? {}), ...Object.keys(m.warnings ?? {})]) {
        if (!known.has(code)) missing.push(`${m.method}: ${code}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('classifies every error code the OpenAPI subset enumerates', () => {
    const codes = [...readOpenApiErrorCodes()];
    expect(codes.length).toBeGreaterThan(10);
    expect(codes.filter((c) => !known.has(c))).toEqual([]);
  });

  it('classifies every error code in the scraped seed docs', () => {
    const missing: string[] = [];
    for (const doc of readSeedDocs()) {
      const tokens = extractSeedDocTokens(doc.file, doc.text);
      expect(tokens.length, doc.file).toBeGreaterThan(30);
      for (const t of tokens) {
        const code = resolveGluedToken(t, known);
        if (code === undefined || !known.has(code)) missing.push(`${doc.file}: ${t.token} (${t.glued})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds the codes in each scraped layout, including run-together ones', () => {
    const docs = Object.fromEntries(readSeedDocs().map((d) => [d.file, d.text]));
    const codes = (file: string): string[] =>
      extractSeedDocTokens(file, docs[file] ?? '').map((t) => resolveGluedToken(t, known) ?? `?${t.token}`);
    expect(codes('admin.apps.requests.list.txt')).toEqual(
      expect.arrayContaining(['invalid_auth', 'user_is_restricted']),
    );
    expect(codes('admin.apps.uninstall.txt')).toEqual(
      expect.arrayContaining(['can_not_uninstall', 'must_revoke_access']),
    );
    expect(codes('admin.apps.clearResolution.txt')).toContain('no_resolution_found');
    expect(codes('slackkit-admin-apps.txt')).toEqual(
      expect.arrayContaining(['not_an_admin', 'token_expired', 'request_already_resolved', 'fatal_error']),
    );
  });

  it('rejects a glued token no known code explains', () => {
    expect(
      resolveGluedToken({ file: 'x', token: 'teamsome_new_code', glued: 'before' }, known),
    ).toBeUndefined();
    expect(
      resolveGluedToken({ file: 'x', token: 'brand_new_team_not_found', glued: 'before' }, known),
    ).toBeUndefined();
  });
});

describe('classifySlackError', () => {
  it.each([
    ['ratelimited', 'retryable'],
    ['service_unavailable', 'retryable'],
    ['team_added_to_org', 'retryable'],
    ['org_login_required', 'retryable'],
    ['invalid_auth', 'reauth'],
    ['token_revoked', 'reauth'],
    ['account_inactive', 'reauth'],
    ['missing_scope', 'permission'],
    ['ekm_access_denied', 'permission'],
    ['two_factor_setup_required', 'permission'],
    ['request_already_resolved', 'conflict'],
    ['no_resolution_found', 'conflict'],
    ['app_restricted_org_wide', 'conflict'],
    ['can_not_uninstall', 'not_possible'],
    ['must_revoke_access', 'not_possible'],
    ['org_resolution_required', 'not_possible'],
    ['feature_not_enabled', 'not_possible'],
    ['app_management_app_not_installed_on_org', 'app_not_installed'],
    ['invalid_arguments', 'invalid_input'],
    ['invalid_cursor', 'invalid_input'],
    ['too_many_ids_provided', 'invalid_input'],
    ['fatal_error', 'uncertain'],
    ['internal_error', 'uncertain'],
    ['pkce_not_allowed', 'configuration'],
    ['bad_redirect_uri', 'configuration'],
    ['invalid_client_id', 'configuration'],
    ['bad_client_secret', 'configuration'],
    ['invalid_code_verifier', 'configuration'],
    ['no_scopes', 'configuration'],
    ['no_bot_scopes_requested', 'configuration'],
    ['oauth_authorization_url_mismatch', 'configuration'],
    ['invalid_code', 'reauth'],
    ['invalid_refresh_token', 'reauth'],
    ['invalid_grant_type', 'invalid_input'],
    ['network_error', 'network'],
    ['http_server_error', 'retryable'],
    ['http_error', 'configuration'],
    ['token_refresh_offline', 'network'],
    ['token_refresh_unavailable', 'retryable'],
    ['malformed_response', 'malformed_response'],
  ])('%s → %s', (code, category) => {
    expect(classifySlackError(code).category).toBe(category);
  });

  it('names the fix in every OAuth message', () => {
    const message = (code: string): string => classifySlackError(code).message;
    expect(message('pkce_not_allowed')).toMatch(/Turn on PKCE/);
    expect(message('bad_client_secret')).toMatch(/Turn on PKCE/);
    expect(message('invalid_client_id')).toMatch(/SlackClientId/);
    expect(message('client_id_token_mismatch')).toMatch(/SlackClientId/);
    expect(message('oauth_authorization_url_mismatch')).toMatch(/oauth\/v2\/authorize/);
    for (const code of ['no_scopes', 'no_user_scopes', 'no_bot_scopes_requested']) {
      expect(message(code)).toMatch(/admin\.apps:read, admin\.apps:write and admin\.teams:read/);
    }
    // The loopback receiver's redirect_uri is http://localhost:PORT/callback on each default port.
    expect(message('bad_redirect_uri')).toContain('http://localhost:PORT/callback');
    expect(message('bad_redirect_uri')).toMatch(/53682, 53683 and 53684/);
  });

  it('gives an unknown code a safe default that shows the raw code', () => {
    const c = classifySlackError('brand_new_error');
    expect(c).toMatchObject({ category: 'unknown', known: false });
    expect(c.message).toContain('brand_new_error');
    expect(classifySlackError('toString').category).toBe('unknown');
  });

  it('uses only declared categories and writes a sentence for every code', () => {
    for (const [code, [category, message]] of Object.entries({
      ...SLACK_ERROR_CODES,
      ...LOCAL_ERROR_CODES,
    })) {
      expect(SLACK_ERROR_CATEGORIES, code).toContain(category);
      expect(message, code).toMatch(/^[A-Z].*\.$/);
    }
  });
});
