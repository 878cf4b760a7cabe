import { describe, expect, it } from 'vitest';
import { ApprovalRuleSchema } from '../../shared/rules';
import { toSummary } from '../inbox/summary';
import { makeRequest } from '../store/test-support/fixtures';
import { withSuggestions } from './suggestions';

const rows = [toSummary(makeRequest(1)), toSummary(makeRequest(2))];
const approveAll = ApprovalRuleSchema.parse({ name: 'Everything', then: 'approve' });

describe('withSuggestions', () => {
  it('gives each row the first matching rule as a suggestion in words', () => {
    const [first] = withSuggestions([approveAll], rows);
    expect(first?.suggestion).toMatchObject({ rule: 'Everything', then: 'approve', apply: 'suggest' });
    expect(first?.suggestion?.text).toMatch(/^Suggested: .*\(rule "Everything"\)$/);
  });

  it('without rules leaves fresh rows as they are', () => {
    expect(withSuggestions([], rows)).toEqual(rows);
  });

  it('without rules still clears a suggestion a row carried from rules that are gone', () => {
    const suggested = withSuggestions([approveAll], rows);
    const cleared = withSuggestions([], suggested);
    expect(cleared.map((r) => r.suggestion)).toEqual([undefined, undefined]);
    expect(cleared).toEqual(rows);
  });
});
