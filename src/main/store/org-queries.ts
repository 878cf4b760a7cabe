/**
 * The org store's reads: the inbox's pages and counts, a stored request, the workspace list, the
 * resolved apps, the last sync time and what the audit log holds. A stored request, team or resolved
 * app is re-validated as it is read: one that no longer parses reads as absent, never as a crash.
 */
import { AppRequestSchema, ResolvedAppSchema, TeamSchema, type AppRequest } from '../../shared/models';
import type { RequestSummary } from '../../shared/view-types';
import type { OrgStatements } from './org-statements';
import type { OrgStore } from './org-store';

const parseJson = <T>(raw: string, parse: (v: unknown) => { success: boolean; data?: T }): T | null => {
  try {
    const r = parse(JSON.parse(raw));
    return r.success ? (r.data ?? null) : null;
  } catch {
    return null;
  }
};

type Queries = Pick<
  OrgStore,
  | 'listSummaries'
  | 'getRequest'
  | 'requestCount'
  | 'decidedSince'
  | 'counts'
  | 'listTeams'
  | 'getResolvedApps'
  | 'getLastSynced'
  | 'latestRequestAt'
  | 'auditedActionIds'
>;

/** The reads, each one prepared statement (or two, for the counts). */
export const orgQueries = (st: OrgStatements): Queries => {
  const getRequest = (id: string): AppRequest | null => {
    const row = st.raw.get(id) as { raw: string } | undefined;
    return row ? parseJson(row.raw, (v) => AppRequestSchema.safeParse(v)) : null;
  };

  return {
    listSummaries: (offset, limit) => ({
      total: Number((st.count.get() as { n: number }).n),
      offset,
      items: st.page.all(limit, offset).map((r) => JSON.parse(String(r['summary'])) as RequestSummary),
    }),
    getRequest,
    requestCount: () => Number((st.count.get() as { n: number }).n),
    decidedSince: (ms) => Number((st.decidedSince.get(ms) as { n: number }).n),
    counts: () => {
      const byTarget: Record<string, number> = {};
      for (const r of st.countByTarget.all()) byTarget[String(r['target'])] = Number(r['n']);
      const actions: Record<string, number> = {};
      for (const r of st.countActions.all()) actions[String(r['state'])] = Number(r['n']);
      return { requests: Number((st.count.get() as { n: number }).n), byTarget, actions };
    },
    listTeams: () =>
      st.teams.all().flatMap((r) => parseJson(String(r['raw']), (v) => TeamSchema.safeParse(v)) ?? []),
    getResolvedApps: (target, status) =>
      st.resolved
        .all(target, status)
        .flatMap((r) => parseJson(String(r['raw']), (v) => ResolvedAppSchema.safeParse(v)) ?? []),
    getLastSynced: () => {
      const row = st.getMeta.get('last_synced_at') as { value: string } | undefined;
      return row ? Number(row.value) : null;
    },
    latestRequestAt: () =>
      new Map(st.latestByTarget.all().map((r) => [String(r['target']), Number(r['at'])])),
    auditedActionIds: (ids) =>
      new Set(st.audited.all(JSON.stringify(ids)).map((r) => String(r['action_id']))),
  };
};
