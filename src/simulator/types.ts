/** Data shapes the simulator holds: an org's teams, app catalog, pending requests and resolutions. */
import type { App, AppRequest, ResolutionStatus, Scope } from '../shared/slack-types';

/** A workspace as admin.teams.list returns it, plus the domain used on requests. */
export type SimTeam = {
  id: string;
  name: string;
  domain: string;
  discoverability: string;
  primary_owner: { user_id: string; email: string };
  team_url: string;
};

/** A person in the org (requesters and admins). */
export type SimUser = { id: string; name: string; email: string };

/** An app the org knows about, with every scope it asks for. */
export type CatalogApp = { app: App; scopes: Scope[] };

/** An approval or restriction of one app at one workspace (team_id) or the whole org (enterprise_id). */
export type SimResolution = {
  app_id: string;
  /** A workspace ID (T...) or the enterprise ID (E...). */
  target: string;
  status: ResolutionStatus;
  scopes: Scope[];
  date_updated: number;
  actor_id: string;
};

/** Everything a simulated Enterprise org starts with. */
export type OrgData = {
  enterprise: { id: string; name: string; domain: string };
  teams: SimTeam[];
  admin: SimUser;
  adminToken: string;
  apps: CatalogApp[];
  requests: AppRequest[];
  resolutions: SimResolution[];
  /** Apps that admin.apps.uninstall refuses with can_not_uninstall (SCIM, app management…). */
  protectedAppIds: string[];
};
