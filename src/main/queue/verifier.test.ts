import { describe, expect, it } from 'vitest';
import type { AppRequest, ResolvedApp } from '../../shared/slack-types';
import type { Action } from '../../shared/actions';
import { createVerifier, type SlackTargetArg, type VerifySlackPort } from './verifier';

const resolved = (appId: string) => ({ app: { id: appId } }) as ResolvedApp;
const request = (id: string) => ({ id }) as AppRequest;

const port = (state: { pending?: string[]; approved?: string[]; restricted?: string[] }) => {
  const calls: SlackTargetArg[] = [];
  const p: VerifySlackPort = {
    listRequests: async (t) => (calls.push(t), (state.pending ?? []).map(request)),
    listApproved: async () => (state.approved ?? []).map(resolved),
    listRestricted: async () => (state.restricted ?? []).map(resolved),
  };
  return { p, calls };
};

const base = { id: 'x', createdAt: 0 };
const approve: Action = { ...base, kind: 'approve', requestId: 'Ar1', appId: 'A1', target: { teamId: 'T1' } };
const restrictNoRequest: Action = { ...base, kind: 'restrict', appId: 'A1', target: { enterpriseId: 'E1' } };

describe('createVerifier', () => {
  it('says not_applied while the request is still pending', async () => {
    const { p, calls } = port({ pending: ['Ar1'], approved: ['A1'] });
    expect((await createVerifier(p)(approve)).status).toBe('not_applied');
    expect(calls).toEqual([{ team_id: 'T1' }]);
  });

  it('says applied when the request is gone and the app has the intended resolution', async () => {
    const { p } = port({ approved: ['A1'] });
    expect((await createVerifier(p)(approve)).status).toBe('applied');
  });

  it('says conflict, naming what Slack shows, when the request was resolved differently', async () => {
    const { p } = port({ restricted: ['A1'] });
    expect(await createVerifier(p)(approve)).toEqual({
      status: 'conflict',
      description: 'request Ar1 was resolved elsewhere: app A1 is restricted at T1',
    });
  });

  it('checks request-less decisions by the app resolution alone', async () => {
    expect((await createVerifier(port({ restricted: ['A1'] }).p)(restrictNoRequest)).status).toBe('applied');
    expect((await createVerifier(port({ approved: ['A1'] }).p)(restrictNoRequest)).status).toBe(
      'not_applied',
    );
  });

  it('handles cancel, clearResolution and uninstall', async () => {
    const cancel: Action = { ...base, kind: 'cancel', requestId: 'Ar1', target: { teamId: 'T1' } };
    const clear: Action = { ...base, kind: 'clearResolution', appId: 'A1', target: { teamId: 'T1' } };
    const uninstall: Action = { ...base, kind: 'uninstall', appId: 'A1', target: { teamIds: ['T1'] } };
    expect((await createVerifier(port({ pending: ['Ar1'] }).p)(cancel)).status).toBe('not_applied');
    expect((await createVerifier(port({}).p)(cancel)).status).toBe('applied');
    expect((await createVerifier(port({}).p)(clear)).status).toBe('applied');
    expect((await createVerifier(port({ approved: ['A1'] }).p)(clear)).status).toBe('not_applied');
    expect((await createVerifier(port({}).p)(uninstall)).status).toBe('not_applied');
  });
});
