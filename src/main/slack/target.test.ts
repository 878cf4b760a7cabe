import { describe, expect, it } from 'vitest';
import { fromSlackTarget, toSlackTarget } from './target';

describe('Slack target mapping', () => {
  it('names a workspace by team_id and the whole org by enterprise_id, and maps back', () => {
    expect(toSlackTarget({ teamId: 'T0001' })).toEqual({ team_id: 'T0001' });
    expect(toSlackTarget({ enterpriseId: 'E0001' })).toEqual({ enterprise_id: 'E0001' });
    expect(fromSlackTarget({ team_id: 'T0001' })).toEqual({ teamId: 'T0001' });
    expect(fromSlackTarget({ enterprise_id: 'E0001' })).toEqual({ enterpriseId: 'E0001' });
  });
});
