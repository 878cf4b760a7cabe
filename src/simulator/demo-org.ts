/**
 * The deterministic "Acme Corp" demo org: 4 workspaces, pending requests at workspaces and at org level
 * (some for certified apps, some with null display strings), and a few existing resolutions.
 */
import { demoCatalog } from './app-catalog';
import { createRng, pick, stableId } from './ids';
import { scope } from './scope-catalog';
import type { CatalogApp, OrgData, SimRequest, SimResolution, SimTeam, SimUser } from './types';
import type { WirePreviousResolution, WireScope } from './wire-types';

/** Every pending request in the demo org: what an inbox showing all of them counts. */
export const DEMO_REQUEST_COUNT = 65;
/** Pending requests made at a workspace (`team` set). */
export const DEMO_WORKSPACE_REQUEST_COUNT = 62;
/** Pending requests made at org level (`team: null`, listed with enterprise_id only). */
export const DEMO_ORG_LEVEL_REQUEST_COUNT = 3;
/** Pending requests for certified apps (listed only with certified=true); workspace and org level. */
export const DEMO_CERTIFIED_REQUEST_COUNT = 3;

/** Fixed "now" for demo data (2026-03-01T00:00:00Z) so the demo org is identical on every run. */
export const DEMO_EPOCH_SECONDS = 1772323200;
const DAY = 86_400;

/** The demo enterprise, shared by the generator. */
export const ACME = { id: 'E0ACMECORP1', name: 'Acme Corp', domain: 'acmecorp' };

/** The demo admin whose token the simulator hands out. */
export const ACME_ADMIN: SimUser = {
  id: 'W0ADMIN0001',
  name: 'Dana Whitfield',
  email: 'dana.whitfield@acmecorp.example',
};

/** Deterministic org-level admin user token for the demo org. */
export const ACME_ADMIN_TOKEN = 'xoxp-1000000001-2000000002-3000000003-a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** Builds a workspace as admin.teams.list shows it. */
export function makeTeam(id: string, name: string, domain: string, owner: SimUser): SimTeam {
  return {
    id,
    name,
    domain,
    discoverability: 'invite_only',
    primary_owner: { user_id: owner.id, email: owner.email },
    team_url: `https://${domain}.slack.com/`,
  };
}

const TEAMS: SimTeam[] = [
  makeTeam('T0ACMEHQ001', 'Acme HQ', 'acme-hq', ACME_ADMIN),
  makeTeam('T0ACMEENG02', 'Acme Engineering', 'acme-eng', ACME_ADMIN),
  makeTeam('T0ACMESLS03', 'Acme Sales', 'acme-sales', ACME_ADMIN),
  makeTeam('T0ACMESUP04', 'Acme Support', 'acme-support', ACME_ADMIN),
];

const PEOPLE = [
  'Priya Raman',
  'Marcus Chen',
  'Sofia Alvarez',
  'Jordan Blake',
  'Aisha Okafor',
  'Tom Becker',
  'Mei Tanaka',
  'Lucas Silva',
  'Hannah Schmidt',
  'Omar Haddad',
  'Grace Kim',
  'Diego Morales',
  'Emma Johansson',
  'Noah Williams',
  'Fatima Zahra',
];

/** The demo org's requesters, with IDs and emails derived from their names. */
export const REQUESTERS: SimUser[] = PEOPLE.map((name) => ({
  id: stableId('W', name, 9),
  name,
  email: `${name.toLowerCase().replace(/\s+/g, '.')}@acmecorp.example`,
}));

/** Requester messages: empty and null ones included, because many people leave the field blank. */
export const MESSAGES: (string | null)[] = [
  'Could you please install this app for me? Our team uses it every day.',
  'We need this for the Q2 planning process.',
  'Our vendor requires this integration for the rollout next week.',
  'Replacing the spreadsheet we use today, would save us hours.',
  '',
  'Requested by my manager for the whole team.',
  'Needed for on-call. Happy to walk security through it.',
  '',
  'The rest of the org already uses it on another workspace.',
  null,
  'Trial for 30 days, then we will decide.',
];

// Which workspaces (by index) asked for which app: DEMO_WORKSPACE_REQUEST_COUNT requests.
const PLAN: [string, number[]][] = [
  ['Jira Cloud', [0, 1, 2, 3]],
  ['Zoom', [0, 1, 2]],
  ['Google Drive', [0, 2]],
  ['GitHub', [1, 1, 3]],
  ['Standup Bot', [1, 3]],
  ['Asana', [0, 2, 3]],
  ['Salesforce', [2, 2]],
  ['Figma', [0, 1]],
  ['Loom', [0, 1, 2, 3]],
  ['Polly', [0, 3]],
  ['Donut', [0, 1, 2]],
  ['PagerDuty', [1, 3]],
  ['Datadog', [1, 3]],
  ['Notion', [0, 1, 2, 3]],
  ['Trello', [2, 3]],
  ['Simple Poll', [0, 1, 2]],
  ['Outlook Calendar', [3]],
  ['Deploy Bot', [1]],
  ['Expense Helper', [0, 2]],
  ['HR Onboarding Buddy', [0]],
  ['Mystery Meme Generator', [0, 3]],
  ['Grammar Wizard', [0, 1, 2]],
  ['Greenhouse', [0, 3]],
  ['Statuspage', [1, 3]],
  ['Lunch Roulette', [0, 2, 3]],
  ['Workday', [0, 2]],
];

// Apps requested for the whole org (team: null): DEMO_ORG_LEVEL_REQUEST_COUNT requests.
const ORG_PLAN = ['Zendesk', 'Org Directory Sync', 'Box'];

// Earlier decisions on (app, workspace index): scope names covered, so diffs show added/removed/unchanged.
const PREVIOUS: [string, number, WirePreviousResolution['status'], string[]][] = [
  ['Jira Cloud', 1, 'approved', ['chat:write', 'commands', 'links:read', 'links:write', 'channels:history']],
  ['Zoom', 0, 'approved', ['calls:read', 'calls:write', 'chat:write', 'commands']],
  [
    'GitHub',
    3,
    'approved',
    ['chat:write', 'commands', 'links:read', 'links:write', 'users:read', 'reactions:read'],
  ],
  ['Notion', 2, 'approved', ['links:read', 'links:write', 'chat:write']],
  ['Mystery Meme Generator', 3, 'restricted', ['chat:write', 'files:write']],
  ['Standup Bot', 1, 'approved', ['chat:write', 'im:write', 'users:read']],
];

function scopesByName(names: string[], catalog: CatalogApp): WireScope[] {
  // Removed scopes are no longer in the app's list, so rebuild them from the catalog shape.
  return names.map((name) => catalog.scopes.find((s) => s.name === name) ?? scope(name, 'bot'));
}

function requireApp(catalog: Map<string, CatalogApp>, name: string): CatalogApp {
  const entry = catalog.get(name);
  if (!entry) throw new Error(`demo data names an unknown app: ${name}`);
  return entry;
}

/** The pending requests: each app of PLAN at its workspaces, then ORG_PLAN's at the whole org. */
function demoRequests(demo: {
  catalog: Map<string, CatalogApp>;
  teams: SimTeam[];
  previous: Map<string, WirePreviousResolution>;
  rng: () => number;
  now: number;
}): SimRequest[] {
  const { catalog, teams, previous, rng, now } = demo;
  const requests: SimRequest[] = [];
  let n = 0;
  for (const [appName, teamIndexes] of PLAN) {
    const entry = requireApp(catalog, appName);
    for (const teamIndex of teamIndexes) {
      const team = teams[teamIndex] as SimTeam;
      const prev = previous.get(`${appName}|${teamIndex}`) ?? null;
      const approvedNames = new Set(prev?.status === 'approved' ? prev.scopes.map((s) => s.name) : []);
      const requester = pick(rng, REQUESTERS);
      requests.push({
        id: stableId('Ar', `${appName}|${teamIndex}|${n}`),
        app: { ...entry.app },
        previous_resolution: prev,
        user: { ...requester },
        team: { id: team.id, name: team.name, domain: team.domain },
        // As in Slack's app_requested payload, workspace requests usually carry enterprise: null.
        enterprise: n % 6 === 5 ? { ...ACME } : null,
        scopes: entry.scopes.map((s) => ({ ...s, is_approved: approvedNames.has(s.name) })),
        message: pick(rng, MESSAGES),
        is_user_app_collaborator: entry.app.is_internal && rng() < 0.5,
        // Spread over the last ~60 days; the index keeps dates distinct so ordering is stable.
        date_created: now - Math.floor(rng() * 60 * DAY) - n,
      });
      n++;
    }
  }
  for (const appName of ORG_PLAN) {
    const entry = requireApp(catalog, appName);
    const requester = pick(rng, REQUESTERS);
    requests.push({
      id: stableId('Ar', `${appName}|org|${n}`),
      app: { ...entry.app },
      previous_resolution: null,
      user: { ...requester },
      team: null,
      enterprise: { ...ACME },
      scopes: entry.scopes.map((s) => ({ ...s, is_approved: false })),
      message: pick(rng, MESSAGES),
      is_user_app_collaborator: entry.app.is_internal,
      date_created: now - Math.floor(rng() * 60 * DAY) - n,
    });
    n++;
  }
  return requests;
}

/** Builds the deterministic demo org; `now` (seconds) moves every date, the data stays the same. */
export function createDemoOrg(opts: { now?: number } = {}): OrgData {
  const now = opts.now ?? DEMO_EPOCH_SECONDS;
  const catalog = demoCatalog();
  const rng = createRng(42);
  const teams = TEAMS.map((t) => ({ ...t, primary_owner: { ...t.primary_owner } }));
  const resolutions: SimResolution[] = [];

  const previous = new Map<string, WirePreviousResolution>();
  for (const [appName, teamIndex, status, names] of PREVIOUS) {
    const entry = requireApp(catalog, appName);
    const team = teams[teamIndex] as SimTeam;
    const scopes = scopesByName(names, entry);
    previous.set(`${appName}|${teamIndex}`, { status, scopes });
    resolutions.push({
      app_id: entry.app.id,
      target: team.id,
      status,
      scopes,
      date_updated: now - 90 * DAY - Math.floor(rng() * 30 * DAY),
      actor_id: ACME_ADMIN.id,
    });
  }

  const requests = demoRequests({ catalog, teams, previous, rng, now });

  const orgResolution = (appName: string, status: SimResolution['status'], target: string): void => {
    const entry = requireApp(catalog, appName);
    resolutions.push({
      app_id: entry.app.id,
      target,
      status,
      scopes: entry.scopes,
      date_updated: now - 120 * DAY - resolutions.length * DAY,
      actor_id: ACME_ADMIN.id,
    });
  };
  orgResolution('Okta SCIM Provisioning', 'approved', ACME.id);
  orgResolution('Google Calendar', 'approved', ACME.id);
  orgResolution('Crypto Tipper', 'restricted', ACME.id);
  orgResolution('DocuSign', 'approved', ACME.id);
  orgResolution('Outlook Calendar', 'approved', (teams[0] as SimTeam).id);
  orgResolution('Figma', 'approved', (teams[2] as SimTeam).id);

  return {
    enterprise: { ...ACME },
    teams,
    admin: { ...ACME_ADMIN },
    adminToken: ACME_ADMIN_TOKEN,
    apps: [...catalog.values()],
    requests,
    resolutions,
    protectedAppIds: [requireApp(catalog, 'Okta SCIM Provisioning').app.id],
  };
}
