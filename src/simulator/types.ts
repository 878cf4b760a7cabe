/** Data shapes the simulator holds: an org's teams, app catalog, pending requests and resolutions. */
import type { WireApp, WireRequest, WireResolutionStatus, WireScope, WireTeam } from './wire-types';

/** A workspace as admin.teams.list returns it, plus the domain used on requests. */
export type SimTeam = WireTeam & { domain: string };

/** A person in the org (requesters and admins). */
export type SimUser = { id: string; name: string; email: string };

/** An app the org knows about, with every scope it asks for and facts Slack keeps but does not send. */
export type CatalogApp = {
  app: WireApp;
  scopes: WireScope[];
  /**
   * A certified app (requests.list / approved.list / restricted.list `certified`; approve answers
   * org_resolution_required for it at a workspace). Not a wire field.
   */
  certified?: boolean;
  /** Deployed to the whole org: uninstall with team_ids answers must_revoke_access. Not a wire field. */
  orgDeployed?: boolean;
};

/** An approval or restriction of one app at one workspace (team_id) or the whole org (enterprise_id). */
export type SimResolution = {
  app_id: string;
  /** A workspace ID (T...) or the enterprise ID (E...). */
  target: string;
  status: WireResolutionStatus;
  scopes: WireScope[];
  /** Seconds; changes on every change to this resolution. */
  date_updated: number;
  actor_id: string;
};

/** A pending request as requests.list sends it. */
export type SimRequest = WireRequest;

/** Everything a simulated Enterprise org starts with. */
export type OrgData = {
  enterprise: { id: string; name: string; domain: string };
  teams: SimTeam[];
  admin: SimUser;
  adminToken: string;
  apps: CatalogApp[];
  requests: SimRequest[];
  resolutions: SimResolution[];
  /** Apps that admin.apps.uninstall refuses with can_not_uninstall (SCIM, app management…). */
  protectedAppIds: string[];
};

/** Where a request waits: its workspace, or the org for an org-level request (`team: null`). */
export const requestTarget = (r: SimRequest): string => r.team?.id ?? r.enterprise?.id ?? '';
