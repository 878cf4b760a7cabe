import { describe, expect, it } from 'vitest';
import type { Action } from '../../shared/actions';
import type { AppRequest, ResolvedApp } from '../../shared/models';
import { makeResolved } from '../store/test-support/fixtures';
import type { SlackTarget as SlackTargetArg } from '../slack/target';
import { createVerifier, type VerifySlackPort } from './verifier';

/** The action was queued at 1,700,000,000 s; resolutions are dated relative to that. */
const QUEUED_MS = 1_700_000_000_000;
const AFTER = 1_700_000_005;
const BEFORE = 1_699_990_000;

type Res = { app: string; at?: number; bot?: string[]; user?: string[] };
type Place = { approved?: Res[]; restricted?: Res[] };

const resolved = (r: Res): ResolvedApp =>
  makeResolved(r.app, {
    date_updated: r.at ?? AFTER,
    scopes: [
      ...(r.bot ?? []).map((name) => ({ name, token_type: 'bot' })),
      ...(r.user ?? []).map((name) => ({ name, token_type: 'user' })),
    ],
  });
const request = (id: string) => ({ id }) as AppRequest;
const where = (t: SlackTargetArg): string => ('team_id' in t ? t.team_id : t.enterprise_id);

const port = (state: { pending?: string[]; at?: Record<string, Place> }) => {
  const calls: SlackTargetArg[] = [];
  const place = (t: SlackTargetArg): Place => state.at?.[where(t)] ?? {};
  const p: VerifySlackPort = {
    listRequests: async (t) => (calls.push(t), { items: (state.pending ?? []).map(request) }),
    listApproved: async (t) => ({ items: (place(t).approved ?? []).map(resolved) }),
    listRestricted: async (t) => ({ items: (place(t).restricted ?? []).map(resolved) }),
  };
  return { p, calls };
};
const verify = (state: Parameters<typeof port>[0], action: Action) =>
  createVerifier(port(state).p, 'E1')(action);

const base = { id: 'x', createdAt: QUEUED_MS };
const approve: Action = { ...base, kind: 'approve', requestId: 'Ar1', appId: 'A1', target: { teamId: 'T1' } };
const restrictNoRequest: Action = { ...base, kind: 'restrict', appId: 'A1', target: { enterpriseId: 'E1' } };
const cancel: Action = { ...base, kind: 'cancel', requestId: 'Ar1', appId: 'A1', target: { teamId: 'T1' } };

describe('createVerifier', () => {
  it('says not_applied while the request is still pending', async () => {
    const { p, calls } = port({ pending: ['Ar1'], at: { T1: { approved: [{ app: 'A1' }] } } });
    expect((await createVerifier(p)(approve)).status).toBe('not_applied');
    expect(calls).toEqual([{ team_id: 'T1' }]);
  });

  it('says applied when the request is gone and the app got the intended resolution after the action', async () => {
    expect((await verify({ at: { T1: { approved: [{ app: 'A1' }] } } }, approve)).status).toBe('applied');
  });

  it('does not take a resolution older than the action as proof it applied', async () => {
    const old = { at: { T1: { approved: [{ app: 'A1', at: BEFORE }] } } };
    const result = await verify(old, approve);
    expect(result.status).toBe('conflict');
    expect(result.description).toMatch(/no sign this action applied.*since 2023-11-14T.*before this action/);
    // Without a request, an old resolution just means "send it": the same decision is safe to repeat.
    const noRequest: Action = { ...base, kind: 'approve', appId: 'A1', target: { teamId: 'T1' } };
    expect((await verify(old, noRequest)).status).toBe('not_applied');
  });

  it('checks an approval against the scopes it sent', async () => {
    const sent: Action = { ...approve, botScopes: ['chat:write'], userScopes: ['search:read'] };
    const exact = { at: { T1: { approved: [{ app: 'A1', bot: ['chat:write'], user: ['search:read'] }] } } };
    expect((await verify(exact, sent)).status).toBe('applied');
    const wider = {
      at: { T1: { approved: [{ app: 'A1', bot: ['chat:write', 'files:read'], user: ['search:read'] }] } },
    };
    expect(await verify(wider, sent)).toEqual({
      status: 'conflict',
      description:
        'app A1 is approved at T1, but not with the scopes this action sent (bot scopes beyond what was sent: files:read)',
    });
  });

  it('says conflict, naming what Slack shows, when the request was resolved differently', async () => {
    expect(await verify({ at: { T1: { restricted: [{ app: 'A1' }] } } }, approve)).toEqual({
      status: 'conflict',
      description: 'request Ar1 was resolved elsewhere: app A1 is restricted at T1',
    });
  });

  it('names an org-level resolution that resolved a workspace request elsewhere', async () => {
    const result = await verify({ at: { E1: { restricted: [{ app: 'A1' }] } } }, approve);
    expect(result.status).toBe('conflict');
    expect(result.description).toMatch(/was restricted for the whole org/);
  });

  it('checks request-less decisions by the app resolution alone', async () => {
    expect((await verify({ at: { E1: { restricted: [{ app: 'A1' }] } } }, restrictNoRequest)).status).toBe(
      'applied',
    );
    expect((await verify({ at: { E1: { approved: [{ app: 'A1' }] } } }, restrictNoRequest)).status).toBe(
      'not_applied',
    );
  });

  it('a cancel whose request someone else approved or restricted is a conflict that says so', async () => {
    expect((await verify({ pending: ['Ar1'] }, cancel)).status).toBe('not_applied');
    expect((await verify({}, cancel)).status).toBe('applied');
    // An approval from before the request was cancelled (a re-request for an approved app) proves nothing.
    expect((await verify({ at: { T1: { approved: [{ app: 'A1', at: BEFORE }] } } }, cancel)).status).toBe(
      'applied',
    );
    const approvedMeanwhile = await verify({ at: { T1: { approved: [{ app: 'A1' }] } } }, cancel);
    expect(approvedMeanwhile.status).toBe('conflict');
    expect(approvedMeanwhile.description).toMatch(
      /^request Ar1 was not cancelled: someone approved app A1 at T1/,
    );
    const orgRestricted = await verify({ at: { E1: { restricted: [{ app: 'A1' }] } } }, cancel);
    expect(orgRestricted.description).toMatch(/someone restricted app A1 for the whole org/);
  });

  it('handles clearResolution and uninstall', async () => {
    const clear: Action = { ...base, kind: 'clearResolution', appId: 'A1', target: { teamId: 'T1' } };
    const uninstall: Action = { ...base, kind: 'uninstall', appId: 'A1', target: { teamIds: ['T1'] } };
    expect((await verify({}, clear)).status).toBe('applied');
    expect((await verify({ at: { T1: { approved: [{ app: 'A1' }] } } }, clear)).status).toBe('not_applied');
    expect((await verify({}, uninstall)).status).toBe('not_applied');
  });
});
