/**
 * Every error code Slack documents for the methods in the committed Slack facts (`src/slack-facts`: errors,
 * seed docs, OpenAPI enums), sorted into what Admit should do about it and worded for an org admin, not a
 * developer. `error-codes.test.ts` fails when the facts document a code this table does not know.
 */

/** What a failure means for the action queue and for the admin. */
export type SlackErrorCategory =
  /** Slack is busy or briefly unavailable: retry later (after Retry-After when given). */
  | 'retryable'
  /** We could not reach Slack or could not read its answer: retry when back online. */
  | 'network'
  /** The token is gone or wrong: the admin must sign in again. */
  | 'reauth'
  /** The signed-in admin or token is not allowed to do this. */
  | 'permission'
  /** Someone else already changed this: refresh and look again. */
  | 'conflict'
  /** Slack will never accept this action for this app/workspace. */
  | 'not_possible'
  /** Admit sent something Slack rejects: a bug on our side, not retryable. */
  | 'invalid_input'
  /** It may have partly succeeded: verify before retrying. */
  | 'uncertain'
  /** Admit's own Slack app is not installed on the whole org: nothing works until an Org Owner or Admin installs it. */
  | 'app_not_installed'
  /** Something between Admit and Slack is set up wrong (proxy, API URL, the Slack app's settings): fix it, then retry. */
  | 'configuration'
  /** Slack answered with a shape Admit does not understand. */
  | 'malformed_response'
  /** A code no reference documents: not retried, shown raw. */
  | 'unknown';

/** Every category, in the order the UI lists them. */
export const SLACK_ERROR_CATEGORIES: readonly SlackErrorCategory[] = [
  'retryable',
  'network',
  'reauth',
  'permission',
  'conflict',
  'not_possible',
  'invalid_input',
  'uncertain',
  'app_not_installed',
  'configuration',
  'malformed_response',
  'unknown',
];

type Entry = readonly [SlackErrorCategory, string];

const BUG = 'Admit sent a request Slack could not accept. This is a bug in Admit; please report it.';
const GONE = 'Slack retired this method. Update Admit.';
const SIGN_IN = 'Your Slack session has ended. Sign in again.';
const TURN_ON_PKCE =
  'Turn on PKCE for the Slack app in its settings at api.slack.com/apps (Admit is a desktop app and has no client secret), then sign in again.';
const CHECK_CLIENT_ID =
  "Check the SlackClientId managed policy (or ADMIT_SLACK_CLIENT_ID): it must be the Client ID on the Slack app's Basic Information page.";
const ADD_USER_SCOPES =
  "In the Slack app's OAuth & Permissions page, add admin.apps:read, admin.apps:write and admin.teams:read as User Token Scopes, then sign in again.";
/** The loopback redirect is `http://localhost:PORT/callback` (auth/loopback.ts); `auth/oauth.ts` names the exact ports. */
const REGISTER_REDIRECTS =
  "In the Slack app's OAuth & Permissions page, add http://localhost:PORT/callback as a Redirect URL for every port in the RedirectPorts policy (by default 53682, 53683 and 53684), then sign in again.";

/** Slack error code → category and admin-facing message. */
export const SLACK_ERROR_CODES: Readonly<Record<string, Entry>> = {
  // retryable
  ratelimited: ['retryable', 'Slack is rate limiting Admit. It will try again shortly.'],
  service_unavailable: ['retryable', 'Slack is temporarily unavailable. Admit will try again.'],
  request_timeout: ['retryable', 'The request to Slack was cut off. Admit will try again.'],
  team_added_to_org: ['retryable', 'This workspace is being moved into the org. Try again after the move.'],
  org_login_required: [
    'retryable',
    'This workspace is migrating to the org and is unavailable until it ends.',
  ],
  failed_to_update_channels: ['retryable', 'Slack could not update the channels. Try again.'],
  unknown_error: ['retryable', 'Slack reported an unexpected error. Try again.'],
  // uncertain: Slack says "it's possible some aspect of the operation succeeded before the error was raised"
  fatal_error: ['uncertain', 'Slack failed badly and may have partly done this. Verify before retrying.'],
  internal_error: [
    'uncertain',
    'Slack hit an internal error and may have partly done this. Admit checks Slack before trying again.',
  ],
  auto_install_rule_creation_failed: [
    'uncertain',
    'The app was approved, but Slack could not create the auto-install rule. Create it in Slack.',
  ],
  not_allowed_to_create_automation_rule: [
    'uncertain',
    'The app was approved, but you may not create auto-install rules, so none was created.',
  ],
  // reauth
  invalid_auth: ['reauth', 'Slack no longer accepts this sign-in (or your network is not allowed). Sign in.'],
  not_authed: ['reauth', SIGN_IN],
  token_expired: ['reauth', SIGN_IN],
  token_revoked: ['reauth', 'Your Slack access was revoked. Sign in again.'],
  account_inactive: ['reauth', 'The Slack account Admit signed in with is deactivated. Sign in again.'],
  invalid_token: ['reauth', SIGN_IN],
  invalid_refresh_token: [
    'reauth',
    "Slack no longer accepts Admit's saved sign-in (it was used, revoked or unused for 30 days). Sign in again.",
  ],
  token_already_exchanged: ['reauth', SIGN_IN],
  not_allowed_token_type: [
    'reauth',
    'Admit is signed in with the wrong kind of token. Sign in as an org admin.',
  ],
  is_bot: ['reauth', 'Admit is signed in with a bot token. Sign in as an org admin.'],
  user_is_bot: ['reauth', 'Admit is signed in with a bot token. Sign in as an org admin.'],
  not_bearer_token: ['reauth', 'This token cannot be revoked this way. Sign in again.'],
  // app not installed: pauses the queue like a sign-in problem
  app_management_app_not_installed_on_org: [
    'app_not_installed',
    "Admit's own Slack app must be installed on the whole org (not a single workspace) by an Org Owner or Org Admin. Ask one to install it from the org dashboard, then resume.",
  ],
  // permission
  missing_scope: [
    'permission',
    'Admit was not granted the permission this needs. Sign in again to grant it.',
  ],
  not_an_admin: ['permission', 'Only org owners and admins can do this.'],
  no_permission: ['permission', 'You do not have permission to do this.'],
  permission_denied: ['permission', 'You do not have permission to uninstall apps here.'],
  access_denied: ['permission', 'Slack denied access to this resource.'],
  restricted_action: ['permission', 'You are not allowed to do this in this org.'],
  ekm_access_denied: ['permission', 'Your admins have suspended this with Enterprise Key Management.'],
  two_factor_setup_required: ['permission', 'Set up two-factor authentication in Slack first.'],
  team_access_not_granted: ['permission', 'Admit was not granted access to this workspace.'],
  not_allowed: ['permission', 'You are not allowed to use this.'],
  user_is_restricted: ['permission', 'Only org owners, admins and integration managers can do this.'],
  accesslimited: ['permission', 'Slack does not allow this from your current network.'],
  invalid_actor: ['permission', 'Your account cannot act on this org.'],
  // conflict
  request_already_resolved: ['conflict', 'Someone already approved, restricted or cancelled this request.'],
  no_resolution_found: ['conflict', 'This app has no approval or restriction here to clear any more.'],
  app_restricted_org_wide: ['conflict', 'This app is already restricted for the whole org.'],
  code_already_used: ['conflict', 'This sign-in link was already used. Sign in again.'],
  // not possible
  can_not_uninstall: ['not_possible', 'Slack does not allow uninstalling this app through the API.'],
  must_revoke_access: [
    'not_possible',
    'This app is deployed to the whole org; uninstall it from the org, not single workspaces.',
  ],
  org_resolution_required: [
    'not_possible',
    'Slack decides certified apps only for the whole org: choose "Whole org" and decide again.',
  ],
  feature_not_enabled: ['not_possible', 'Admin APIs are not enabled for this org.'],
  custom_integration_not_allowed_at_enterprise: [
    'not_possible',
    'Custom integrations cannot be approved for the whole org; approve them per workspace.',
  ],
  request_id_required_for_custom_integrations: [
    'not_possible',
    'Custom integrations can only be approved or restricted from their request.',
  ],
  app_not_eligible_for_auto_install: ['not_possible', 'This app cannot have an auto-install rule.'],
  cannot_install_an_org_installed_app: ['not_possible', 'This app is already installed on the org.'],
  not_an_enterprise: ['not_possible', 'This only works on an Enterprise org.'],
  enterprise_is_restricted: ['not_possible', 'This cannot be done from an Enterprise org.'],
  restricted_plan_level: ['not_possible', "Your Slack plan doesn't include this."],
  preview_feature_not_available: ['not_possible', 'This Slack preview feature is not available to you.'],
  token_rotation_not_enabled: ['not_possible', 'Token rotation is not enabled for this app.'],
  user_email_unverified: ['not_possible', 'Verify your email address in Slack first.'],
  url_restriction_not_supported: ['not_possible', 'This app does not support URL restrictions.'],
  server_acl_type_broader_than_app: ['not_possible', "A server's access cannot be broader than its app's."],
  server_acl_entities_not_in_scope: ['not_possible', 'Those people or groups cannot use this app.'],
  team_not_found: ['not_possible', 'This workspace no longer exists.'],
  teams_not_found: ['not_possible', 'One or more of these workspaces no longer exist.'],
  enterprise_not_found: ['not_possible', 'Slack could not find this org.'],
  app_not_found: ['not_possible', 'Slack could not find this app.'],
  user_not_found: ['not_possible', 'Slack could not find this person.'],
  usergroup_not_found: ['not_possible', 'Slack could not find this user group.'],
  channel_not_found: ['not_possible', 'Slack could not find this channel.'],
  server_not_found: ['not_possible', 'Slack could not find this server.'],
  app_acl_not_found: ['not_possible', 'This app has no access list to change.'],
  authorization_not_found: ['not_possible', 'Slack could not find this authorization.'],
  deprecated_endpoint: ['not_possible', GONE],
  method_deprecated: ['not_possible', GONE],
  unknown_method: ['not_possible', GONE],
  not_implemented: ['not_possible', 'Slack does not support this yet.'],
  upgrade_required: ['not_possible', 'Slack requires a newer version of Admit.'],
  // invalid input (our bug)
  invalid_arguments: ['invalid_input', BUG],
  invalid_args: ['invalid_input', BUG],
  missing_args: ['invalid_input', BUG],
  invalid_arg_name: ['invalid_input', BUG],
  invalid_array_arg: ['invalid_input', BUG],
  invalid_charset: ['invalid_input', BUG],
  invalid_form_data: ['invalid_input', BUG],
  invalid_post_type: ['invalid_input', BUG],
  missing_post_type: ['invalid_input', BUG],
  missing_charset: ['invalid_input', BUG],
  superfluous_charset: ['invalid_input', BUG],
  invalid_json: ['invalid_input', BUG],
  json_not_object: ['invalid_input', BUG],
  invalid_cursor: ['invalid_input', 'Slack rejected the page cursor. Refresh to start the list again.'],
  invalid_limit: ['invalid_input', BUG],
  too_many_ids_provided: [
    'invalid_input',
    'Admit sent both an app and a request ID. This is a bug in Admit.',
  ],
  too_many_teams_provided: [
    'invalid_input',
    'Admit sent both a workspace and the org. This is a bug in Admit.',
  ],
  too_many_teams: ['invalid_input', 'Too many workspaces at once (100 at most).'],
  specify_enterprise_or_teams: ['invalid_input', BUG],
  request_id_or_app_id_is_required: ['invalid_input', BUG],
  no_team_or_enterprise_provided: ['invalid_input', BUG],
  invalid_app_id: ['invalid_input', 'Slack says this app ID is not valid.'],
  invalid_request_id: ['invalid_input', 'Slack says this request ID is not valid.'],
  invalid_scopes: ['invalid_input', 'Some of these scopes do not exist.'],
  invalid_app: ['invalid_input', 'Slack says this app is not valid.'],
  invalid_team: ['invalid_input', 'Slack says this workspace is not valid.'],
  invalid_entities: ['invalid_input', BUG],
  invalid_domains: ['invalid_input', 'Some of these domains are not valid.'],
  invalid_permission_type: ['invalid_input', BUG],
  invalid_channel_restriction_mode: ['invalid_input', BUG],
  invalid_workflow_auth_strategy: ['invalid_input', BUG],
  channel_ids_required: ['invalid_input', BUG],
  named_entities_cannot_be_empty: ['invalid_input', BUG],
  no_valid_named_entities: ['invalid_input', 'None of these people or groups are valid.'],
  too_many_named_entities: ['invalid_input', 'Too many people or groups at once.'],
  too_many_domains_provided: ['invalid_input', 'Too many domains at once.'],
  no_domains_provided: ['invalid_input', BUG],
  missing_resource: ['invalid_input', BUG],
  // OAuth (sign-in): each message names the fix
  pkce_not_allowed: [
    'configuration',
    `The Slack app Admit signs in with does not allow PKCE. ${TURN_ON_PKCE}`,
  ],
  bad_client_secret: [
    'configuration',
    `Slack expects a client secret for this app, which Admit never has. ${TURN_ON_PKCE}`,
  ],
  invalid_code_verifier: [
    'configuration',
    `Slack rejected this sign-in's PKCE code verifier. Sign in again; if it keeps failing: ${TURN_ON_PKCE}`,
  ],
  bad_redirect_uri: ['configuration', `Slack did not accept Admit's redirect URL. ${REGISTER_REDIRECTS}`],
  invalid_client_id: [
    'configuration',
    `Slack does not know the client ID Admit signs in with. ${CHECK_CLIENT_ID}`,
  ],
  client_id_token_mismatch: [
    'configuration',
    `This token belongs to a different Slack app than the one Admit signs in with. ${CHECK_CLIENT_ID}`,
  ],
  oauth_authorization_url_mismatch: [
    'configuration',
    'The sign-in started on the wrong Slack authorize page (it must be /oauth/v2/authorize). Check the SlackApiUrl managed policy, then sign in again.',
  ],
  no_scopes: ['configuration', `Slack found no scopes to grant for this sign-in. ${ADD_USER_SCOPES}`],
  no_user_scopes: [
    'configuration',
    `Slack found no user scopes to grant for this sign-in. ${ADD_USER_SCOPES}`,
  ],
  no_bot_scopes_requested: [
    'configuration',
    `Slack expected bot scopes, but Admit signs in with user scopes only (a desktop sign-in cannot request bot scopes). ${ADD_USER_SCOPES}`,
  ],
  invalid_code: ['reauth', 'The sign-in code from Slack expired or was already used. Sign in again.'],
  invalid_grant_type: [
    'invalid_input',
    'Slack rejected the kind of token request Admit sent (grant_type). This is a bug in Admit; please report it.',
  ],
  // Slack answers these on oauth.v2.access and auth.* too, though the reference does not list them.
  invalid_grant: ['reauth', SIGN_IN],
  refresh_token_expired: ['reauth', 'Your Slack sign-in expired after 30 days without use. Sign in again.'],
  user_removed_from_team: [
    'reauth',
    'The Slack account Admit signed in with was removed from the org. Sign in again.',
  ],
  app_uninstalled: [
    'reauth',
    "Admit's Slack app was uninstalled from the org. Reinstall it, then sign in again.",
  ],
};

/** Codes Admit itself assigns to failures that never carried a Slack error code. */
export const LOCAL_ERROR_CODES: Readonly<Record<string, Entry>> = {
  network_error: ['network', 'Admit could not reach Slack. Check your connection; it will try again.'],
  network_timeout: ['network', 'Slack did not answer in time. It may or may not have received the request.'],
  network_reset: [
    'network',
    'The connection to Slack broke before it answered. Slack may or may not have received the request.',
  ],
  // HTTP 5xx: Slack was reached and is having trouble; each one counts as an attempt.
  http_server_error: ['retryable', 'Slack answered with a server error. Admit will try again.'],
  // Any other non-429 status: something that is not Slack's API answered (proxy, wrong API URL).
  http_error: [
    'configuration',
    'Something other than Slack answered (a proxy, a firewall or a wrong Slack API URL). Check the SlackApiUrl policy and your proxy, then retry.',
  ],
  unreadable_response: ['network', 'Slack sent an answer Admit could not read (a proxy page?). Try again.'],
  malformed_response: ['malformed_response', 'Slack answered in a way Admit does not understand.'],
  invalid_argument: ['invalid_input', BUG],
  // A token refresh happens before the call it is for, so nothing was sent yet: never `uncertain`.
  token_refresh_offline: [
    'network',
    'Admit could not reach Slack to renew its sign-in. It will try again when Slack is reachable.',
  ],
  token_refresh_unavailable: [
    'retryable',
    "Slack could not renew Admit's sign-in just now. Admit will try again.",
  ],
  token_not_renewable: ['reauth', 'Your Slack token expired and cannot be renewed. Sign in again.'],
  sign_in_expired: ['reauth', 'Your Slack sign-in expired after 30 days without use. Sign in again.'],
  not_signed_in: ['reauth', 'Admit has no saved sign-in for this org. Sign in.'],
};
