/**
 * Test-only views of the committed Slack facts (`src/slack-facts`, generated from Slack's method JSON, the
 * OpenAPI subset and the scraped seed docs) in the shapes the tests read, plus the seed-doc token
 * extraction. The packaged app never uses these; tests use them to prove our committed tables agree.
 */
import {
  methodFacts,
  methodNames,
  openApiErrorCodes,
  openApiParameters,
  seedDocTexts,
  type SchemaFacts,
} from '../../../slack-facts';

/** One documented method as the tests look at it (the fields of its `slack-methods/*.json`). */
export type MethodReference = {
  method: string;
  rate_limits?: string;
  args?: { required?: string[]; properties?: Record<string, unknown> };
  errors?: Record<string, { desc?: string }>;
  warnings?: Record<string, { desc?: string }>;
  output?: SchemaFacts | null;
};

/** Every documented method, sorted by name. */
export function readMethodReferences(): MethodReference[] {
  const described = (table: Record<string, string>): Record<string, { desc: string }> =>
    Object.fromEntries(Object.entries(table).map(([code, desc]) => [code, { desc }]));
  return methodNames().map((method) => {
    const m = methodFacts(method)!;
    return {
      method,
      ...(m.tier === null ? {} : { rate_limits: m.tier }),
      args: m.args,
      errors: described(m.errors),
      warnings: described(m.warnings),
      output: m.output,
    };
  });
}

/** The OpenAPI subset: method → documented parameter names (all locations). */
export function readOpenApiParameters(): Map<string, Set<string>> {
  return openApiParameters();
}

/** Error codes the OpenAPI subset lists in its `enum`s of error responses. */
export function readOpenApiErrorCodes(): Set<string> {
  return openApiErrorCodes();
}

/** A seed doc's raw text, by file name. */
export function readSeedDocs(): { file: string; text: string }[] {
  return seedDocTexts();
}

/** A code-shaped token as it appears in a scraped doc, before we know where the code ends. */
export type RawCodeToken = { file: string; token: string; glued: 'none' | 'before' | 'after' };

const CODE_LINE = /^[a-z][a-z0-9_]*$/;

/**
 * Pulls the error-code tokens out of the seed docs' scraped HTML. Four layouts occur:
 * - `code | description |` table rows (errors and warnings tables);
 * - a code alone on its line, its description on a later line;
 * - `codeDescription` with no separator (token glued to the text `after` it);
 * - SlackKit's run-on `…previous descriptioncode- description…` (token glued to text `before` it).
 * Glued tokens are resolved by the caller against a known vocabulary (see `resolveGluedToken`).
 */
export function extractSeedDocTokens(file: string, text: string): RawCodeToken[] {
  const out: RawCodeToken[] = [];
  const lines = text.split(/\r?\n/);
  if (file.startsWith('slackkit')) {
    let inErrors = false;
    for (const line of lines) {
      if (line.startsWith('Errors the API can return')) {
        inErrors = true;
        continue;
      }
      if (!inErrors) continue;
      for (const m of line.matchAll(/([a-z][a-z0-9_]*)- /g)) {
        out.push({ file, token: m[1] ?? '', glued: m.index === 0 ? 'none' : 'before' });
      }
      inErrors = false;
    }
    return out;
  }
  let inErrors = false;
  for (const line of lines) {
    const t = line.trim();
    const row = /^([a-z][a-z0-9_]*) \| /.exec(t);
    if (row) out.push({ file, token: row[1] ?? '', glued: 'none' });
    else if (t === 'Errors') inErrors = true;
    else if (!inErrors || !/^[a-z]/.test(t) || /^[a-z]+ /.test(t)) continue;
    else if (CODE_LINE.test(t)) out.push({ file, token: t, glued: 'none' });
    else out.push({ file, token: /^[a-z0-9_]+/.exec(t)?.[0] ?? '', glued: 'after' });
  }
  return out;
}

/**
 * Finds the code inside a glued token: the longest known code that is a prefix (glued `after`) or a
 * suffix (glued `before`) of it, provided the leftover looks like the neighbouring prose: a plain word,
 * or (before a SlackKit code) a description ending in an argument name such as `request_id`.
 * Returns the token itself when it is not glued, and undefined when no known code explains it.
 */
export function resolveGluedToken(t: RawCodeToken, known: ReadonlySet<string>): string | undefined {
  if (t.glued === 'none' || known.has(t.token)) return t.token;
  let best: string | undefined;
  for (const code of known) {
    const fits = t.glued === 'after' ? t.token.startsWith(code) : t.token.endsWith(code);
    const rest = t.glued === 'after' ? t.token.slice(code.length) : t.token.slice(0, -code.length);
    if (fits && isProse(rest, t.glued) && (!best || code.length > best.length)) best = code;
  }
  return best;
}

function isProse(rest: string, glued: 'after' | 'before'): boolean {
  if (/^[a-z]+$/.test(rest)) return true;
  return glued === 'before' && /^[a-z_]*_ids?$/.test(rest);
}
