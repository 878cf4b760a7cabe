/**
 * Large, seeded orgs for benchmarks and pagination tests (10,000 requests build in milliseconds): about
 * 10% of requests are made at org level, some are for certified apps, some apps send null strings.
 */
import { demoCatalog } from './app-catalog';
import { ACME, ACME_ADMIN, ACME_ADMIN_TOKEN, DEMO_EPOCH_SECONDS, MESSAGES, makeTeam } from './demo-org';
import { createRng, pick, serialId } from './ids';
import { bot, undescribed, user } from './scope-catalog';
import type { CatalogApp, OrgData, SimRequest, SimTeam, SimUser } from './types';
import type { WireScope } from './wire-types';

/** The share of generated requests made at org level (team: null). */
export const GENERATED_ORG_LEVEL_SHARE = 0.1;
/** The share of synthetic apps that are certified. */
export const GENERATED_CERTIFIED_APP_SHARE = 0.05;

const DEPARTMENTS = [
  'Engineering',
  'Sales',
  'Support',
  'Marketing',
  'Finance',
  'Legal',
  'People',
  'Design',
  'Ops',
];
const FIRST = [
  'Ana',
  'Ben',
  'Chloe',
  'Dev',
  'Eli',
  'Fay',
  'Gus',
  'Hana',
  'Ivan',
  'Jade',
  'Kai',
  'Lena',
  'Max',
  'Nia',
];
const LAST = [
  'Adams',
  'Brown',
  'Cruz',
  'Diaz',
  'Evans',
  'Fox',
  'Gray',
  'Hill',
  'Ito',
  'Jones',
  'Khan',
  'Lee',
  'Moss',
];
const WORDS = ['Nimbus', 'Pulse', 'Orbit', 'Beacon', 'Relay', 'Harbor', 'Quill', 'Summit', 'Atlas', 'Vector'];
const KINDS = ['Tasks', 'Notes', 'Alerts', 'Sync', 'Desk', 'Metrics', 'Forms', 'Digest'];
const SCOPE_SETS: WireScope[][] = [
  bot('chat:write', 'commands'),
  bot('chat:write', 'links:read', 'links:write', 'users:read'),
  [...bot('channels:history', 'chat:write', 'files:read'), ...user('search:read')],
  bot('incoming-webhook', 'chat:write', 'users:read.email'),
  undescribed(bot('chat:write', 'reactions:read')),
];

function syntheticApps(count: number, rng: () => number): CatalogApp[] {
  const apps: CatalogApp[] = [];
  for (let i = 0; i < count; i++) {
    const id = serialId('A', i, rng);
    const name = `${pick(rng, WORDS)} ${pick(rng, KINDS)} ${i + 1}`;
    const internal = rng() < 0.3;
    // Some apps leave their texts unset: Slack sends those as null.
    const bare = rng() < 0.15;
    apps.push({
      app: {
        id,
        name,
        description: bare ? null : `${name} for Slack.`,
        help_url: bare ? null : `https://apps.example.com/${id}/help`,
        privacy_policy_url: bare ? null : `https://apps.example.com/${id}/privacy`,
        app_homepage_url: bare ? null : `https://apps.example.com/${id}`,
        app_directory_url: internal ? (bare ? null : '') : `https://acmecorp.enterprise.slack.com/apps/${id}`,
        is_app_directory_approved: !internal && rng() < 0.6,
        is_internal: internal,
        developer_type: internal ? 'internal' : 'third_party',
        socket_mode_enabled: false,
        icons: bare ? null : {},
        additional_info: bare ? null : '',
      },
      scopes: pick(rng, SCOPE_SETS),
      ...(!internal && rng() < GENERATED_CERTIFIED_APP_SHARE ? { certified: true } : {}),
    });
  }
  return apps;
}

/** Builds a seeded org with `requests` pending requests spread over `workspaces` workspaces. */
export function generateOrg(o: { requests: number; workspaces: number; seed?: number }): OrgData {
  const rng = createRng(o.seed ?? 1);
  const now = DEMO_EPOCH_SECONDS;
  const teams: SimTeam[] = [];
  for (let i = 0; i < Math.max(1, o.workspaces); i++) {
    const dept = DEPARTMENTS[i % DEPARTMENTS.length] as string;
    const suffix = i >= DEPARTMENTS.length ? ` ${Math.floor(i / DEPARTMENTS.length) + 1}` : '';
    const domain = `acme-${dept.toLowerCase()}${suffix.trim()}`;
    teams.push(makeTeam(serialId('T', i, rng), `Acme ${dept}${suffix}`, domain, ACME_ADMIN));
  }
  const people: SimUser[] = [];
  for (let i = 0; i < 200; i++) {
    const name = `${pick(rng, FIRST)} ${pick(rng, LAST)}`;
    people.push({
      id: serialId('W', i, rng),
      name,
      email: `${name.toLowerCase().replace(' ', '.')}.${i}@acmecorp.example`,
    });
  }
  const apps = [...demoCatalog().values(), ...syntheticApps(Math.ceil(o.requests / 50), rng)];

  const requests: SimRequest[] = [];
  for (let i = 0; i < o.requests; i++) {
    const entry = pick(rng, apps);
    const team = pick(rng, teams);
    const orgLevel = rng() < GENERATED_ORG_LEVEL_SHARE;
    const prevApproved = !orgLevel && rng() < 0.1;
    requests.push({
      id: serialId('Ar', i, rng),
      app: entry.app, // shared object: the simulator never mutates apps
      previous_resolution: prevApproved ? { status: 'approved', scopes: entry.scopes.slice(0, 1) } : null,
      user: pick(rng, people),
      team: orgLevel ? null : { id: team.id, name: team.name, domain: team.domain },
      enterprise: orgLevel || rng() < 0.2 ? { ...ACME } : null,
      scopes: entry.scopes,
      message: pick(rng, MESSAGES),
      is_user_app_collaborator: false,
      date_created: now - Math.floor(rng() * 90 * 86_400),
    });
  }
  return {
    enterprise: { ...ACME },
    teams,
    admin: { ...ACME_ADMIN },
    adminToken: ACME_ADMIN_TOKEN,
    apps,
    requests,
    resolutions: [],
    protectedAppIds: apps.filter((a) => a.app.name === 'Okta SCIM Provisioning').map((a) => a.app.id),
  };
}
