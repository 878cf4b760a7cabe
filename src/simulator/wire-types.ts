/**
 * What Slack sends, in the simulator's own words: written from Slack's reference (method JSON, the
 * seed docs and the `app_requested` event payload), never from Admit's types. Display strings Slack
 * may send as `null` (app texts and URLs, icons, scope descriptions, the request message) are nullable
 * so the simulator can send them; fields marked "Undocumented" are guesses.
 */

/** `bot` or `user`: which token a scope is for. */
export type WireTokenType = 'bot' | 'user';

/** An approval or a restriction. */
export type WireResolutionStatus = 'approved' | 'restricted';

/** One scope on a request or a resolved app. */
export type WireScope = {
  name: string;
  description: string | null;
  is_sensitive: boolean;
  token_type: WireTokenType;
  /** Only on requests (requests.list example). */
  is_optional?: boolean;
  /** Only on requests: already approved for this app at the request's workspace. */
  is_approved?: boolean;
};

/** Icon URLs by size (`image_32` … `image_1024`, `image_original`). */
export type WireIcons = Record<string, string>;

/** The `app` object of a request or a resolved app. */
export type WireApp = {
  id: string;
  name: string;
  description: string | null;
  help_url: string | null;
  privacy_policy_url: string | null;
  app_homepage_url: string | null;
  app_directory_url: string | null;
  is_app_directory_approved: boolean;
  is_internal: boolean;
  /** `internal`, `third_party` or `slack` (requests.list docs). */
  developer_type: string;
  socket_mode_enabled: boolean;
  icons: WireIcons | null;
  additional_info: string | null;
  /** Undocumented: a field Slack sends on some apps; clients must ignore fields they do not know. */
  is_granular_bot_app?: boolean;
};

/** The workspace of a request (`team`). */
export type WireTeamRef = { id: string; name: string; domain: string };

/** The org of a request (`enterprise`), as in Slack's `app_requested` event payload. */
export type WireEnterpriseRef = { id: string; name: string; domain: string };

/** The person who asked. */
export type WireUser = { id: string; name: string; email: string };

/** The earlier decision on this app at the request's workspace. */
export type WirePreviousResolution = { status: WireResolutionStatus; scopes: WireScope[] };

/**
 * One item of admin.apps.requests.list. A workspace request has `team` set and (usually) `enterprise:
 * null`; an org-level request has `team: null` and `enterprise` set.
 */
export type WireRequest = {
  id: string;
  app: WireApp;
  previous_resolution: WirePreviousResolution | null;
  user: WireUser;
  team: WireTeamRef | null;
  enterprise: WireEnterpriseRef | null;
  scopes: WireScope[];
  message: string | null;
  is_user_app_collaborator: boolean;
  date_created: number;
};

/** Who made the last decision on a resolved app. */
export type WireResolvedBy = { actor_id: string; actor_type: string };

/** One item of admin.apps.approved.list / restricted.list. */
export type WireResolvedApp = {
  app: WireApp;
  scopes: WireScope[];
  date_updated: number;
  last_resolved_by: WireResolvedBy;
};

/** One item of admin.teams.list. */
export type WireTeam = {
  id: string;
  name: string;
  discoverability: string;
  primary_owner: { user_id: string; email: string };
  team_url: string;
};

/** auth.test's answer (without `ok`). */
export type WireAuthTest = {
  url: string;
  team: string;
  user: string;
  team_id: string;
  user_id: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
  /** Seconds until a rotating token expires. */
  expires_in?: number;
};

/** The `{ next_cursor }` every paged list carries. */
export type WireResponseMetadata = { next_cursor: string };
