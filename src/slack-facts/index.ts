/**
 * Slack's documented facts about the methods Admit and the simulator deal with, committed as data
 * (`slack-facts.json`, written by `scripts/generate-slack-facts.mjs` from the Slack reference folder).
 * Pure data and lookups, no Node APIs: the core, the simulator and the renderer bundle may all import it.
 */
import facts from './slack-facts.json' with { type: 'json' };
import tierBudgets from './tier-budgets.json' with { type: 'json' };

/** A JSON-schema-like fragment of Slack's method JSON (arguments, outputs), kept as Slack wrote it. */
export type SchemaFacts = {
  type?: string;
  subtype?: string;
  desc?: string;
  schema?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  example?: unknown;
  enum?: unknown[];
  items?: SchemaFacts;
  maxItems?: number;
  uniqueItems?: boolean;
  required?: string[];
  properties?: Record<string, SchemaFacts>;
  [key: string]: unknown;
};

/** One named example of a method's response: `success`, `error`, `success_with_bot_token`… */
export type ExampleFacts = {
  description: string;
  /** The request URL the example documents, when Slack gives one. */
  url: string | null;
  /** The response body, keys in Slack's order. */
  example: Record<string, unknown> | null;
};

/** What Slack documents about one Web API method. */
export type MethodFacts = {
  desc: string;
  /** The rate-limit tier (`rate_limits`), e.g. `t2`; null when Slack gives none. */
  tier: string | null;
  httpMethod: string | null;
  /** Scopes by token type (`user`, `bot`; `any` when Slack names a scope without a token type). */
  scopes: Record<string, string[]>;
  noScopeRequired: boolean;
  jsonInputSupported: boolean | null;
  args: { required: string[]; properties: Record<string, SchemaFacts> };
  /** Error code → Slack's description. */
  errors: Record<string, string>;
  /** Warning code → Slack's description. */
  warnings: Record<string, string>;
  /** The response schema; null for methods that answer only `{ ok: true }`. */
  output: SchemaFacts | null;
  examples: Record<string, ExampleFacts>;
};

/** What Slack documents about one Events API event. */
export type EventFacts = { desc: string; scopes: string[]; apis: string[] };

/** The whole facts file. */
export type SlackFacts = {
  $comment: string;
  /** Events by name without the `event.` prefix, e.g. `app_requested`. */
  events: Record<string, EventFacts>;
  /** Methods by name, e.g. `admin.apps.requests.list`. */
  methods: Record<string, MethodFacts>;
  /** From the OpenAPI 2 subset: parameter names per method, and every error code its enums list. */
  openApi: { parameters: Record<string, string[]>; errorCodes: string[] };
  /** The scraped seed docs' raw text by file name. */
  seedDocs: Record<string, string>;
  /** Each reference file the facts were generated from, with the sha256 of its bytes. */
  sources: Record<string, string>;
};

/** The committed facts, as one typed object. Treat as read-only. */
export const SLACK_FACTS: SlackFacts = facts;

const own = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** Every documented method name, sorted. */
export function methodNames(): string[] {
  return Object.keys(SLACK_FACTS.methods).sort();
}

/** What Slack documents about `name`, or undefined for a method the facts do not cover. */
export function methodFacts(name: string): MethodFacts | undefined {
  return own(SLACK_FACTS.methods, name);
}

/** A fresh copy of the body of a method's named example response (`success` by default), if documented. */
export function exampleResponse(method: string, name = 'success'): Record<string, unknown> | undefined {
  const examples = methodFacts(method)?.examples;
  const body = examples && own(examples, name)?.example;
  return body ? structuredClone(body) : undefined;
}

/** Calls per minute Slack publishes for each rate-limit tier (`tier-budgets.json`; `t5`, "special", as tier 4). */
export const TIER_BUDGETS: Readonly<Record<'t1' | 't2' | 't3' | 't4' | 't5', number>> = {
  t1: tierBudgets.t1,
  t2: tierBudgets.t2,
  t3: tierBudgets.t3,
  t4: tierBudgets.t4,
  t5: tierBudgets.t5,
};

/** The rate-limit tier Slack gives `name` (`t1`…`t5`), or undefined when unknown. */
export function tierOfMethod(name: string): string | undefined {
  return methodFacts(name)?.tier ?? undefined;
}

/** The OpenAPI subset's documented parameter names (all locations), per method name. */
export function openApiParameters(): Map<string, Set<string>> {
  return new Map(Object.entries(SLACK_FACTS.openApi.parameters).map(([m, names]) => [m, new Set(names)]));
}

/** Every error code the OpenAPI subset lists in an `enum`. */
export function openApiErrorCodes(): Set<string> {
  return new Set(SLACK_FACTS.openApi.errorCodes);
}

/** The scraped seed docs' raw text, sorted by file name. */
export function seedDocTexts(): { file: string; text: string }[] {
  return Object.keys(SLACK_FACTS.seedDocs)
    .sort()
    .map((file) => ({ file, text: SLACK_FACTS.seedDocs[file] ?? '' }));
}
