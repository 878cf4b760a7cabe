/**
 * Test-only readers for `../shared/reference` (Slack's method JSON, the OpenAPI subset and the scraped
 * seed docs). The packaged app never reads these; tests use them to prove our committed tables agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where the reference folder lives: `ADMIT_REFERENCE_DIR`, else `<repo>/../shared/reference`. */
export const referenceDir =
  process.env.ADMIT_REFERENCE_DIR ?? resolve(import.meta.dirname, '../../../../../shared/reference');

/** The subset of a `slack-methods/*.json` file the tests look at. */
export type MethodReference = {
  method: string;
  rate_limits?: string;
  args?: { required?: string[]; properties?: Record<string, unknown> };
  errors?: Record<string, { desc?: string }>;
  warnings?: Record<string, { desc?: string }>;
};

/** Every `slack-methods/*.json`, keyed by method name. */
export function readMethodReferences(): MethodReference[] {
  const dir = join(referenceDir, 'slack-methods');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Omit<MethodReference, 'method'>),
      method: f.slice(0, -'.json'.length),
    }));
}

type OpenApiOperation = {
  parameters?: { name: string; in: string }[];
  responses?: Record<string, unknown>;
};

/** The OpenAPI subset: method → documented parameter names (all locations). */
export function readOpenApiParameters(): Map<string, Set<string>> {
  const spec = JSON.parse(readFileSync(join(referenceDir, 'slack-openapi-v2-admin-subset.json'), 'utf8')) as {
    paths: Record<string, Record<string, OpenApiOperation>>;
  };
  const out = new Map<string, Set<string>>();
  for (const [path, ops] of Object.entries(spec.paths)) {
    const names = new Set<string>();
    for (const op of Object.values(ops)) for (const p of op.parameters ?? []) names.add(p.name);
    out.set(path.replace(/^\//, ''), names);
  }
  return out;
}

/** Error codes the OpenAPI subset lists in its `enum`s of error responses. */
export function readOpenApiErrorCodes(): Set<string> {
  const text = readFileSync(join(referenceDir, 'slack-openapi-v2-admin-subset.json'), 'utf8');
  const codes = new Set<string>();
  const walk = (node: unknown, key: string): void => {
    if (Array.isArray(node)) {
      if (key === 'enum') for (const v of node) if (typeof v === 'string') codes.add(v);
      node.forEach((v) => walk(v, ''));
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, k);
    }
  };
  walk(JSON.parse(text), '');
  return codes;
}

/** A seed doc's raw text, by file name. */
export function readSeedDocs(): { file: string; text: string }[] {
  const dir = join(referenceDir, 'seed-docs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
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
