import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  APP_ID_PATTERN,
  MAX_ID_LENGTH,
  MAX_SCOPE_NAME_LENGTH,
  MAX_SCOPES,
  SCOPE_NAME_PATTERN,
  appIdProblem,
  isScopeName,
} from './contract-limits';
import * as ids from './ids';

describe("the renderer's zod-free checks", () => {
  it('are the very rules of the zod schemas main applies', () => {
    expect(MAX_ID_LENGTH).toBe(ids.MAX_ID_LENGTH);
    expect(MAX_SCOPES).toBe(ids.MAX_SCOPES);
    expect(z.toJSONSchema(ids.AppIdSchema)).toMatchObject({
      maxLength: MAX_ID_LENGTH,
      pattern: APP_ID_PATTERN.source,
    });
    expect(z.toJSONSchema(ids.ScopeNameSchema)).toMatchObject({
      maxLength: MAX_SCOPE_NAME_LENGTH,
      pattern: SCOPE_NAME_PATTERN.source,
    });
    expect(z.toJSONSchema(ids.ScopeListSchema)).toMatchObject({ maxItems: MAX_SCOPES });
  });

  it('accept and refuse what the schemas accept and refuse', () => {
    const appIds = [
      'A0123ABCDEF',
      'A12',
      'A1',
      'a0123',
      'B0123',
      '',
      ' A0123',
      `A${'B'.repeat(31)}`,
      `A${'B'.repeat(32)}`,
    ];
    for (const id of appIds) expect(appIdProblem(id) === null).toBe(ids.AppIdSchema.safeParse(id).success);
    expect(appIdProblem('zoom')).toBe('an app ID starts with A');
    const scopes = [
      'chat:write',
      'users:read.email',
      'a-b_c',
      '<script>',
      'chat write',
      '',
      'x'.repeat(100),
      'x'.repeat(101),
    ];
    for (const s of scopes) expect(isScopeName(s)).toBe(ids.ScopeNameSchema.safeParse(s).success);
  });
});
