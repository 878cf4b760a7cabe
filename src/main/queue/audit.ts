/** The audit log: who decided what, where, when, and what Slack made of it; exportable as CSV and JSON. */
import { z } from 'zod';
import { scopesOf, whereOf, type Actor, type QueuedAction } from '../../shared/actions';

export const AuditEventSchema = z.enum([
  'enqueued',
  'undone',
  'superseded',
  'discarded',
  'retried',
  'done',
  'conflict',
  'needs_attention',
]);
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AuditEntrySchema = z.object({
  at: z.number(),
  event: AuditEventSchema,
  actionId: z.string(),
  kind: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  // Who made the decision: the admin, a rule by itself, or the admin accepting a rule's suggestion.
  // Entries written before this column existed read as "".
  decidedBy: z.string().default(''),
  appId: z.string(),
  requestId: z.string(),
  where: z.string(),
  scopes: z.array(z.string()),
  result: z.string(),
  note: z.string(),
});
/** One line of the audit log. */
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/**
 * Who made a decision, in words: `rule "Name"` when an `auto` rule decided it, `Ada, accepting rule
 * "Name"` when an admin accepted its suggestion, else the admin who queued it. (The actor columns stay
 * the admin whose sign-in sends it: Slack sees that admin's token either way.)
 */
export const decidedByOf = (record: QueuedAction): string => {
  const rule = record.action.rule;
  if (!rule) return record.actor.name;
  return rule.by === 'rule' ? `rule "${rule.name}"` : `${record.actor.name}, accepting rule "${rule.name}"`;
};

/** Builds the audit entry for an event on a queued action; `actor` overrides the record's for undo/discard. */
export const auditEntryFor = (
  record: QueuedAction,
  event: AuditEvent,
  at: number,
  result: string,
  actor: Actor = record.actor,
): AuditEntry => {
  const a = record.action;
  return {
    at,
    event,
    actionId: a.id,
    kind: a.kind,
    actorId: actor.id,
    actorName: actor.name,
    decidedBy: decidedByOf(record),
    appId: 'appId' in a ? (a.appId ?? '') : '',
    requestId: 'requestId' in a ? (a.requestId ?? '') : '',
    where: whereOf(a),
    scopes: scopesOf(a),
    result,
    note: a.note ?? '',
  };
};

const columns = [
  'at',
  'event',
  'actionId',
  'kind',
  'actorId',
  'actorName',
  'decidedBy',
  'appId',
  'requestId',
  'where',
  'scopes',
  'result',
  'note',
] as const satisfies readonly (keyof AuditEntry)[];

/** RFC 4180 field quoting: quote when a field holds a comma, quote, CR or LF; double inner quotes. */
export const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

// What spreadsheets read as the start of a formula (OWASP's CSV injection list), full-width forms included.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Keeps a cell text when a spreadsheet opens the file: a value that starts like a formula (`=`, `+`,
 * `-`, `@`, tab, CR) gets a leading `'`. App names, notes and admin names come from other people.
 */
export const spreadsheetSafe = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/** One CSV cell: formula-safe, then quoted. */
const csvCell = (value: string): string => csvField(spreadsheetSafe(value));

/**
 * The audit log as RFC 4180 CSV (CRLF line ends, header row, ISO-8601 times, scopes space-separated),
 * with every cell safe to open in a spreadsheet.
 */
export const auditToCsv = (entries: readonly AuditEntry[]): string => {
  const rows = [columns.join(',')];
  for (const e of entries) {
    rows.push(
      columns
        .map((c) => {
          if (c === 'at') return csvCell(new Date(e.at).toISOString());
          if (c === 'scopes') return csvCell(e.scopes.join(' '));
          return csvCell(e[c]);
        })
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
};

/** The audit log as pretty JSON with ISO-8601 times alongside the raw milliseconds. */
export const auditToJson = (entries: readonly AuditEntry[]): string =>
  `${JSON.stringify(
    entries.map((e) => ({ ...e, time: new Date(e.at).toISOString() })),
    null,
    2,
  )}\n`;
