import { describe, expect, it } from 'vitest';
import type { QueuedAction } from '../../shared/actions';
import {
  AuditEntrySchema,
  auditEntryFor,
  auditToCsv,
  auditToJson,
  csvField,
  spreadsheetSafe,
  type AuditEntry,
} from './audit';

const entry: AuditEntry = {
  at: Date.UTC(2025, 0, 2, 3, 4, 5),
  event: 'done',
  actionId: 'id-1',
  kind: 'approve',
  actorId: 'U1',
  actorName: 'Ada "the admin", Lovelace',
  decidedBy: 'Ada "the admin", Lovelace',
  appId: 'A001',
  requestId: 'Ar1',
  where: 'T001',
  scopes: ['chat:write', 'channels:read'],
  result: 'applied',
  note: 'line one\nline two',
};

describe('audit export', () => {
  it('quotes CSV fields per RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });

  it('writes a header and one CRLF-terminated row per entry', () => {
    const csv = auditToCsv([entry]);
    expect(csv).toBe(
      'at,event,actionId,kind,actorId,actorName,decidedBy,appId,requestId,where,scopes,result,note\r\n' +
        '2025-01-02T03:04:05.000Z,done,id-1,approve,U1,"Ada ""the admin"", Lovelace",' +
        '"Ada ""the admin"", Lovelace",A001,Ar1,T001,' +
        'chat:write channels:read,applied,"line one\nline two"\r\n',
    );
  });

  it('writes JSON with ISO times', () => {
    const parsed = JSON.parse(auditToJson([entry])) as (AuditEntry & { time: string })[];
    expect(parsed).toEqual([{ ...entry, time: '2025-01-02T03:04:05.000Z' }]);
  });

  it.each([
    ['=HYPERLINK("https://evil.example","click")', `'=HYPERLINK("https://evil.example","click")`],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ['\rreturn', "'\rreturn"],
    ['\uFF1D1+1', "'\uFF1D1+1"],
  ])('neutralises a cell that starts like a formula: %j', (value, safe) => {
    expect(spreadsheetSafe(value)).toBe(safe);
  });

  it('leaves ordinary cells alone', () => {
    for (const value of ['Ada', 'chat:write', 'a=b', 'x-1', '2025-01-02T03:04:05.000Z', ''])
      expect(spreadsheetSafe(value)).toBe(value);
  });

  it('neutralises every column that other people write, then quotes it', () => {
    const hostile: AuditEntry = {
      ...entry,
      actorName: '=cmd|"/c calc"!A1',
      decidedBy: '=rule',
      appId: '+A1',
      note: '@note, with a comma',
      result: '-1',
      where: '\tT001',
    };
    const row = auditToCsv([hostile]).split('\r\n')[1] ?? '';
    expect(row).toBe(
      `2025-01-02T03:04:05.000Z,done,id-1,approve,U1,"'=cmd|""/c calc""!A1",'=rule,'+A1,Ar1,'\tT001,` +
        `chat:write channels:read,'-1,"'@note, with a comma"`,
    );
  });

  describe('who decided', () => {
    const record = (rule?: QueuedAction['action']['rule']): QueuedAction =>
      ({
        id: 'q1',
        action: {
          kind: 'approve',
          id: 'q1',
          createdAt: 0,
          appId: 'A001',
          requestId: 'Ar1',
          target: { teamId: 'T001' },
          ...(rule ? { rule } : {}),
        },
        state: 'pending',
        attempts: 0,
        enqueuedAt: 0,
        updatedAt: 0,
        actor: { id: 'U1', name: 'Ada' },
      }) as QueuedAction;

    it('names the admin for a decision they made', () => {
      expect(auditEntryFor(record(), 'enqueued', 1, 'queued').decidedBy).toBe('Ada');
    });

    it('names the rule, not the admin, for a decision a rule made by itself', () => {
      const e = auditEntryFor(record({ name: 'Internal apps', by: 'rule' }), 'done', 1, 'applied');
      expect(e.decidedBy).toBe('rule "Internal apps"');
      // The sign-in that sent it stays on record: Slack saw that admin's token.
      expect([e.actorId, e.actorName]).toEqual(['U1', 'Ada']);
    });

    it('names both for a suggestion an admin accepted', () => {
      const e = auditEntryFor(record({ name: 'No DMs', by: 'admin' }), 'enqueued', 1, 'queued');
      expect(e.decidedBy).toBe('Ada, accepting rule "No DMs"');
    });

    it('reads entries written before the column existed', () => {
      const { decidedBy: _d, ...old } = entry;
      expect(AuditEntrySchema.parse(old).decidedBy).toBe('');
    });
  });
});
