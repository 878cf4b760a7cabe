/**
 * A token Admit was given rather than one it signed in for (pasted, or the demo's): auth.test decides
 * whether it is an org-level install of an allowed org with Admit's scopes.
 */
import { AdmitError } from '../../shared/result';
import { createSlackAdminClient, type RateLimiter } from '../slack';
import type { OrgCredentials } from './credentials';
import { assertAllowedOrg, missingAdmitScopes, MissingScopesError } from './oauth';

export type IdentifyTokenDeps = {
  fetch?: typeof fetch;
  limiter: RateLimiter;
  /** Managed policy: only these orgs may be signed into (empty: any). */
  allowedEnterpriseIds: readonly string[];
};

/**
 * auth.test on a token: it must be an org-level install of an allowed org with Admit's scopes, read
 * from Slack's `x-oauth-scopes` header (`grantedScopes`). When Slack sent no header (`null`) the
 * scopes are unknown, not missing: the token is accepted, and a missing one shows as `missing_scope`
 * on the first call that needs it.
 */
export const identifyToken = async (
  deps: IdentifyTokenDeps,
  token: string,
  apiUrl: string,
): Promise<OrgCredentials> => {
  const probe = createSlackAdminClient({
    token,
    apiUrl,
    orgId: 'sign-in',
    fetch: deps.fetch,
    limiter: deps.limiter,
  });
  const auth = await probe.authTest();
  if (!auth.enterprise_id || !auth.is_enterprise_install) {
    throw new AdmitError(
      'slack_permission',
      'This token belongs to one workspace, not to an Enterprise org. Ask an org owner or admin to install your Slack app on the whole org (org-level install), then use the token of that install.',
    );
  }
  assertAllowedOrg(auth.enterprise_id, deps.allowedEnterpriseIds);
  const granted = auth.grantedScopes?.filter(Boolean) ?? null;
  const missing = missingAdmitScopes(granted);
  if (missing.length > 0) {
    throw new MissingScopesError(
      missing,
      "Add them as User Token Scopes in the Slack app's OAuth & Permissions page, reinstall the app on the org, and use the new token.",
    );
  }
  return {
    enterpriseId: auth.enterprise_id,
    enterpriseName: auth.team,
    accessToken: token,
    user: { id: auth.user_id, name: auth.user },
    scopes: granted ?? [],
  };
};
