/** auth.test, auth.revoke and api.test. */
import type { WireAuthTest } from '../wire-types';
import { truthy } from './args';
import { failure, success, type MethodDef } from './method-types';

/** auth.test for an org-level user token: the team is the org, with enterprise_id and is_enterprise_install. */
export const authTest: MethodDef = {
  handler: ({ state, auth }) => {
    const { enterprise } = state.org;
    const user = auth?.user ?? state.org.admin;
    const body: WireAuthTest = {
      url: `https://${enterprise.domain}.enterprise.slack.com/`,
      team: enterprise.name,
      user: user.email.split('@')[0] ?? user.name,
      team_id: enterprise.id,
      user_id: user.id,
      enterprise_id: enterprise.id,
      is_enterprise_install: true,
    };
    // auth.test documents expires_in; a rotating token says how many seconds it has left.
    if (auth?.expiresAt != null)
      body.expires_in = Math.max(0, Math.floor((auth.expiresAt - state.now()) / 1000));
    return success(body);
  },
};

/** auth.revoke: revokes the calling token unless test=1. */
export const authRevoke: MethodDef = {
  mutates: true,
  handler: ({ params, auth }) => {
    if (!auth) return failure('invalid_auth');
    const test = truthy(params.test);
    if (!test) auth.revoked = true;
    return success({ revoked: !test });
  },
};

/** api.test: echoes its arguments, or the error it is asked for. */
export const apiTest: MethodDef = {
  noAuth: true,
  handler: ({ params }) => {
    const args = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    if (params.error) return failure(params.error, { args });
    return success(Object.keys(args).length > 0 ? { args } : {});
  },
};
