/**
 * The few shapes and limits of the contract that the renderer checks itself, without zod: an app ID
 * and a scope name, as the "approve or restrict an app by ID" form checks them before anything is
 * queued. They are the same rules as the zod schemas of ids.ts, which main applies to every payload
 * whatever the page checked (contract-limits.test.ts keeps the two identical); the page's check is
 * only there to say what is wrong beside the field.
 */

/** Longest ID Admit accepts (ids.ts MAX_ID_LENGTH). */
export const MAX_ID_LENGTH = 32;
/** Most scopes one approval lists per token type (ids.ts MAX_SCOPES). */
export const MAX_SCOPES = 200;
/** Longest scope name (ids.ts ScopeNameSchema). */
export const MAX_SCOPE_NAME_LENGTH = 100;

/** ids.ts AppIdSchema. */
export const APP_ID_PATTERN = /^A[A-Z0-9]{2,}$/;
/** ids.ts ScopeNameSchema: `chat:write`, `users:read.email`. */
export const SCOPE_NAME_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/** What is wrong with an app ID, in the words main's schema would use; null when it is one. */
export const appIdProblem = (text: string): string | null => {
  if (text.length > MAX_ID_LENGTH) return `at most ${MAX_ID_LENGTH} characters`;
  if (!APP_ID_PATTERN.test(text)) return 'an app ID starts with A';
  return null;
};

/** Is this one OAuth scope name, as it goes into a comma list? */
export const isScopeName = (text: string): boolean =>
  text.length <= MAX_SCOPE_NAME_LENGTH && SCOPE_NAME_PATTERN.test(text);
