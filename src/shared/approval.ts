/**
 * An approval never grants more than the admin left selected. admin.apps.approve takes
 * `bot_scopes` and `user_scopes`; with neither, Slack approves every requested scope, and a list
 * that is missing or empty cannot be told apart from "not given". So a selection that leaves a
 * token type with nothing cannot be sent as chosen: it is refused (Restrict is the way to grant
 * nothing), never widened. Used by the renderer (to say so before the admin presses `a`) and by
 * main (which refuses such an action however it arrives).
 */

/** A requested scope, by token type. */
export type RequestedScope = { name: string; tokenType: 'bot' | 'user' };

/** The lists to send: absent means "every requested scope of that type". */
export type ScopeLists = { botScopes?: string[]; userScopes?: string[] };

export type ApprovalPlan = { ok: true; send: ScopeLists } | { ok: false; reason: string };

const TYPES = [
  ['bot', 'botScopes', 'bot token'],
  ['user', 'userScopes', 'user token'],
] as const;

/**
 * What to send for an approval of `requested` with the admin's `chosen` lists (undefined: nothing
 * was deselected, so approve what was requested). Chosen names that were not requested are refused.
 */
export const planApproval = (
  appName: string,
  requested: readonly RequestedScope[],
  chosen: ScopeLists | undefined,
): ApprovalPlan => {
  if (!chosen || (chosen.botScopes === undefined && chosen.userScopes === undefined)) {
    return { ok: true, send: {} };
  }
  const send: ScopeLists = {};
  for (const [type, field, label] of TYPES) {
    const asked = new Set(requested.filter((s) => s.tokenType === type).map((s) => s.name));
    const list = chosen[field];
    const extra = (list ?? []).filter((name) => !asked.has(name));
    if (extra.length > 0) {
      return {
        ok: false,
        reason: `${appName} did not request the ${label} scope${extra.length > 1 ? 's' : ''} ${extra.join(', ')}; Admit approves only requested scopes.`,
      };
    }
    if (asked.size === 0) continue; // nothing of this type was asked, so nothing can be widened
    if (list === undefined || list.length === 0) {
      return {
        ok: false,
        reason: `Slack cannot approve ${appName} without any of its ${label} scopes: an empty ${field === 'botScopes' ? 'bot_scopes' : 'user_scopes'} list means every requested one. Keep at least one ${label} scope, or restrict the app instead.`,
      };
    }
    send[field] = [...new Set(list)];
  }
  return { ok: true, send };
};
