/**
 * Loopback-only test controls under /_sim/: faults, a state summary, "another admin" actions (resolve,
 * new requests at a workspace or the org, seeded resolutions), catalog flags, reset.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ApiContext } from './api';
import { FaultPatchSchema } from './faults';
import { readBody, sendJson } from './http-io';
import type { SimulatorState } from './state';
import { requestTarget, type SimRequest } from './types';

/** The admin who acts "elsewhere" in conflict tests. */
export const OTHER_ADMIN_ID = 'W0OTHERADM1';

const ResolveBodySchema = z.object({
  request_id: z.string(),
  status: z.enum(['approved', 'restricted', 'cancelled']),
  /** Resolve just this request's workspace (default) or the whole org. */
  org_wide: z.boolean().optional(),
});

/** A new pending request at a workspace (team_id) or at org level (enterprise_id): exactly one. */
const AddRequestBodySchema = z
  .object({
    app_id: z.string(),
    team_id: z.string().optional(),
    enterprise_id: z.string().optional(),
    user_id: z.string().optional(),
    message: z.string().nullable().optional(),
  })
  .refine((b) => (b.team_id === undefined) !== (b.enterprise_id === undefined));

/** Catalog facts Slack keeps but does not send: certified, org-deployed. */
const AppPatchBodySchema = z.object({
  app_id: z.string(),
  certified: z.boolean().optional(),
  org_deployed: z.boolean().optional(),
});

/** A resolution decided elsewhere (by another admin), with scope names (default: all requested). */
const SeedResolutionBodySchema = z
  .object({
    app_id: z.string(),
    team_id: z.string().optional(),
    enterprise_id: z.string().optional(),
    status: z.enum(['approved', 'restricted']),
    scopes: z.array(z.string()).optional(),
  })
  .refine((b) => (b.team_id === undefined) !== (b.enterprise_id === undefined));

const isLoopback = (address: string | undefined): boolean =>
  address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/** A compact view of the state for e2e tests. */
export function stateSummary(state: SimulatorState): Record<string, unknown> {
  // Keyed by workspace ID, or the enterprise ID for org-level requests.
  const pendingByTeam: Record<string, number> = {};
  for (const r of state.pending.values()) {
    const target = requestTarget(r);
    pendingByTeam[target] = (pendingByTeam[target] ?? 0) + 1;
  }
  return {
    enterprise_id: state.org.enterprise.id,
    // Catalog facts Slack does not send, for tests and benchmarks that must steer around them.
    certified_app_ids: [...state.apps.values()].filter((a) => a.certified).map((a) => a.app.id),
    teams: [...state.teams.values()].map((t) => ({ id: t.id, name: t.name })),
    pending: state.pending.size,
    pending_by_team: pendingByTeam,
    pending_ids: [...state.pending.keys()],
    closed: [...state.closed.entries()].map(([id, c]) => ({ id, outcome: c.outcome, actor_id: c.actor_id })),
    resolutions: [...state.resolutions.values()].map((r) => ({
      app_id: r.app_id,
      target: r.target,
      status: r.status,
      scopes: r.scopes.map((s) => s.name),
      actor_id: r.actor_id,
    })),
    uninstalls: state.uninstalls,
    calls: { total: state.calls.length, last: state.calls.slice(-50) },
  };
}

function addRequest(state: SimulatorState, body: z.infer<typeof AddRequestBodySchema>): SimRequest | string {
  const entry = state.apps.get(body.app_id);
  if (!entry) return 'invalid_app_id';
  const { enterprise } = state.org;
  let team: SimRequest['team'] = null;
  if (body.team_id !== undefined) {
    const t = state.teams.get(body.team_id);
    if (!t) return 'team_not_found';
    team = { id: t.id, name: t.name, domain: t.domain };
  } else if (body.enterprise_id !== enterprise.id) return 'enterprise_not_found';
  const request: SimRequest = {
    id: `Ar0${randomBytes(5).toString('hex').toUpperCase()}`,
    app: entry.app,
    previous_resolution: null,
    user: {
      id: body.user_id ?? state.org.admin.id,
      name: state.org.admin.name,
      email: state.org.admin.email,
    },
    team,
    // Org-level requests name the org; workspace requests carry enterprise: null, as most do.
    enterprise: team ? null : { ...enterprise },
    scopes: entry.scopes,
    message: body.message === undefined ? '' : body.message,
    is_user_app_collaborator: false,
    date_created: Math.floor(state.now() / 1000),
  };
  state.pending.set(request.id, request);
  return request;
}

function seedResolution(
  state: SimulatorState,
  body: z.infer<typeof SeedResolutionBodySchema>,
): string | undefined {
  const entry = state.apps.get(body.app_id);
  if (!entry) return 'invalid_app_id';
  const target = body.team_id ?? body.enterprise_id ?? '';
  if (body.team_id !== undefined && !state.teams.has(target)) return 'team_not_found';
  if (body.team_id === undefined && target !== state.org.enterprise.id) return 'enterprise_not_found';
  const names = body.scopes;
  const scopes = names ? entry.scopes.filter((s) => names.includes(s.name)) : entry.scopes;
  if (names && scopes.length !== names.length) return 'invalid_scopes';
  state.resolve(entry.app.id, target, body.status, scopes, OTHER_ADMIN_ID);
  return undefined;
}

/** A control route's answer: its status and JSON body. */
type Reply = [status: number, body: Record<string, unknown>];

/** Another admin approves, restricts or cancels a pending request (POST /_sim/resolve). */
function resolvePending(state: SimulatorState, json: unknown): Reply {
  const body = ResolveBodySchema.safeParse(json);
  if (!body.success) return [400, { ok: false, error: 'invalid_arguments' }];
  const request = state.pending.get(body.data.request_id);
  if (!request) return [404, { ok: false, error: 'invalid_request_id' }];
  if (body.data.status === 'cancelled') state.cancel(request.id, OTHER_ADMIN_ID);
  else {
    const target = body.data.org_wide ? state.org.enterprise.id : requestTarget(request);
    state.resolve(request.app.id, target, body.data.status, request.scopes, OTHER_ADMIN_ID);
  }
  return [200, { ok: true }];
}

/** Changes what Slack says of an app: certified, deployed to the whole org (POST /_sim/apps). */
function patchApp(state: SimulatorState, json: unknown): Reply {
  const body = AppPatchBodySchema.safeParse(json);
  if (!body.success) return [400, { ok: false, error: 'invalid_arguments' }];
  const entry = state.apps.get(body.data.app_id);
  if (!entry) return [404, { ok: false, error: 'invalid_app_id' }];
  if (body.data.certified !== undefined) entry.certified = body.data.certified;
  if (body.data.org_deployed !== undefined) entry.orgDeployed = body.data.org_deployed;
  return [200, { ok: true }];
}

/** Handles /_sim/* (refusing non-loopback callers). */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ApiContext,
): Promise<void> {
  // Tests drive these from Node, never from a page: no CORS, so no web page can read or set them.
  if (!isLoopback(req.socket.remoteAddress)) return sendJson(res, 403, { ok: false, error: 'loopback_only' });
  const { state, faults, limiter } = ctx;
  const route = `${req.method} ${url.pathname}`;
  let json: unknown = {};
  if (req.method === 'POST') {
    const text = await readBody(req);
    try {
      json = text.trim() ? JSON.parse(text) : {};
    } catch {
      return sendJson(res, 400, { ok: false, error: 'invalid_json' });
    }
  }
  switch (route) {
    case 'GET /_sim/state':
      return sendJson(res, 200, { ok: true, ...stateSummary(state), faults: faults.snapshot() });
    case 'GET /_sim/calls': {
      // The full call log (no tokens), optionally for one method: proves what was sent and how often.
      const method = url.searchParams.get('method');
      const calls = method ? state.calls.filter((c) => c.method === method) : state.calls;
      return sendJson(res, 200, { ok: true, calls });
    }
    case 'GET /_sim/faults':
      return sendJson(res, 200, { ok: true, faults: faults.snapshot() });
    case 'DELETE /_sim/faults':
      faults.clear();
      return sendJson(res, 200, { ok: true, faults: faults.snapshot() });
    case 'POST /_sim/faults': {
      const patch = FaultPatchSchema.safeParse(json);
      if (!patch.success)
        return sendJson(res, 400, { ok: false, error: 'invalid_faults', detail: patch.error.issues });
      faults.set(patch.data);
      return sendJson(res, 200, { ok: true, faults: faults.snapshot() });
    }
    case 'POST /_sim/resolve':
      return sendJson(res, ...resolvePending(state, json));
    case 'POST /_sim/requests': {
      const body = AddRequestBodySchema.safeParse(json);
      if (!body.success) return sendJson(res, 400, { ok: false, error: 'invalid_arguments' });
      const result = addRequest(state, body.data);
      if (typeof result === 'string') return sendJson(res, 404, { ok: false, error: result });
      return sendJson(res, 200, { ok: true, request: result });
    }
    case 'POST /_sim/apps':
      return sendJson(res, ...patchApp(state, json));
    case 'POST /_sim/resolutions': {
      const body = SeedResolutionBodySchema.safeParse(json);
      if (!body.success) return sendJson(res, 400, { ok: false, error: 'invalid_arguments' });
      const error = seedResolution(state, body.data);
      if (error) return sendJson(res, 404, { ok: false, error });
      return sendJson(res, 200, { ok: true });
    }
    case 'POST /_sim/reset':
      state.reset();
      faults.clear();
      limiter.reset();
      return sendJson(res, 200, { ok: true });
    default:
      return sendJson(res, 404, { ok: false, error: 'unknown_control' });
  }
}
