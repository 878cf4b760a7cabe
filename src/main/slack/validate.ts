/**
 * Slack's documented argument rules, checked before any network call so a bad call never spends a
 * rate-limit slot. Every failure names the rule it broke.
 */
import type { z } from 'zod';
import { AppIdSchema, EnterpriseIdSchema, RequestIdSchema, TeamIdSchema } from '../../shared/models';
import { SlackArgumentError } from './errors';

/** Most team IDs admin.apps.uninstall accepts at once. */
export const MAX_UNINSTALL_TEAMS = 100;
/** Page size bounds for Slack's list methods. */
export const MIN_LIMIT = 1;
export const MAX_LIMIT = 1000;

type Args = Record<string, unknown>;

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Exactly one of the two named arguments must be given. */
export function requireExactlyOne(method: string, a: Args, x: string, y: string): void {
  const n = [x, y].filter((k) => present(a[k])).length;
  if (n !== 1) throw new SlackArgumentError(method, `exactly one of ${x} or ${y} is required (got ${n})`);
}

/** The argument must be given. */
export function requireArg(method: string, a: Args, name: string): void {
  if (!present(a[name])) throw new SlackArgumentError(method, `${name} is required`);
}

const SHAPES: Readonly<Record<string, { schema: z.ZodType<string>; shape: string }>> = {
  app_id: { schema: AppIdSchema, shape: 'an app ID (A…)' },
  request_id: { schema: RequestIdSchema, shape: 'a request ID (Ar…)' },
  team_id: { schema: TeamIdSchema, shape: 'a workspace ID (T…)' },
  enterprise_id: { schema: EnterpriseIdSchema, shape: 'an org ID (E…)' },
};

/** Checks the shape of each ID argument that is present (app_id, request_id, team_id, enterprise_id). */
export function checkIdShapes(method: string, a: Args): void {
  for (const [name, { schema, shape }] of Object.entries(SHAPES)) {
    const v = a[name];
    if (!present(v)) continue;
    if (!schema.safeParse(v).success) {
      throw new SlackArgumentError(method, `${name} must be ${shape}, got ${JSON.stringify(v).slice(0, 64)}`);
    }
  }
}

/** A page size must be an integer from 1 to 1000. */
export function checkLimit(method: string, limit: number): void {
  if (!Number.isInteger(limit) || limit < MIN_LIMIT || limit > MAX_LIMIT) {
    throw new SlackArgumentError(
      method,
      `limit must be an integer from ${MIN_LIMIT} to ${MAX_LIMIT}, got ${limit}`,
    );
  }
}

/**
 * Scopes become a comma list; each must be a non-empty scope name without commas or spaces. An empty
 * list is refused: on the wire it is the same as no list, which Slack reads as every requested scope,
 * so sending it would approve more than the admin chose.
 */
export function scopeList(
  method: string,
  name: string,
  scopes: readonly string[] | undefined,
): string | undefined {
  if (scopes === undefined) return undefined;
  if (scopes.length === 0) {
    throw new SlackArgumentError(
      method,
      `${name} cannot be empty: Slack would read an empty list as every requested scope`,
    );
  }
  for (const s of scopes) {
    if (!/^[A-Za-z0-9_.:-]+$/.test(s)) {
      throw new SlackArgumentError(
        method,
        `${name} must be scope names like "chat:write", got ${JSON.stringify(s).slice(0, 64)}`,
      );
    }
  }
  return scopes.join(',');
}

/** admin.apps.uninstall: exactly one of enterprise_id / team_ids; 1–100 team IDs, each T…. */
export function uninstallTeams(
  method: string,
  a: { enterprise_id?: string; team_ids?: readonly string[] },
): string | undefined {
  const hasTeams = a.team_ids !== undefined && a.team_ids.length > 0;
  if (present(a.enterprise_id) === hasTeams) {
    throw new SlackArgumentError(method, 'exactly one of enterprise_id or team_ids is required');
  }
  if (!hasTeams || !a.team_ids) return undefined;
  if (a.team_ids.length > MAX_UNINSTALL_TEAMS) {
    throw new SlackArgumentError(
      method,
      `team_ids takes at most ${MAX_UNINSTALL_TEAMS} IDs, got ${a.team_ids.length}`,
    );
  }
  for (const t of a.team_ids) checkIdShapes(method, { team_id: t });
  return a.team_ids.join(',');
}
