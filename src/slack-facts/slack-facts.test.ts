import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  defaultReferenceDir,
  describeDifference,
  factsFile,
  renderFacts,
} from '../../scripts/generate-slack-facts.mjs';
import {
  SLACK_FACTS,
  exampleResponse,
  methodFacts,
  methodNames,
  openApiErrorCodes,
  openApiParameters,
  seedDocTexts,
  tierOfMethod,
} from '.';

const referenceDir = process.env.ADMIT_REFERENCE_DIR ?? defaultReferenceDir;
const noReference = !existsSync(referenceDir);
const generator = join(import.meta.dirname, '../../scripts/generate-slack-facts.mjs');

describe('the committed Slack facts', () => {
  it.skipIf(noReference)(
    noReference
      ? `agree with the reference (skipped: no reference folder at ${referenceDir})`
      : 'agree with the reference (npm run facts regenerates them)',
    async () => {
      const committed = readFileSync(factsFile, 'utf8');
      expect(describeDifference(committed, await renderFacts(referenceDir))).toBeUndefined();
    },
  );

  it('--check names the first difference in one line and exits 1 when the reference says otherwise', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'admit-facts-'));
    onTestFinished(() => rmSync(scratch, { recursive: true, force: true }));
    mkdirSync(join(scratch, 'slack-methods'));
    mkdirSync(join(scratch, 'seed-docs'));
    writeFileSync(join(scratch, 'slack-methods', 'api.test.json'), '{"desc":"Checks API calling code."}');
    writeFileSync(join(scratch, 'slack-openapi-v2-admin-subset.json'), '{"paths":{}}');
    writeFileSync(join(scratch, 'seed-docs', 'x.txt'), 'Errors\n');
    const run = spawnSync(process.execPath, [generator, '--reference', scratch, '--check'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^src\/slack-facts\/slack-facts\.json differs from the reference at \S+.*\n$/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('describeDifference points at the differing path', () => {
    const a = JSON.stringify({ methods: { 'auth.test': { tier: 't5' } } });
    const b = JSON.stringify({ methods: { 'auth.test': { tier: 't4' } } });
    expect(describeDifference(a, a)).toBeUndefined();
    expect(describeDifference(a, b)).toContain('.methods["auth.test"].tier;');
    expect(describeDifference(undefined, b)).toContain('is missing');
    expect(describeDifference(`${a} `, a)).toContain('formatting only');
  });

  it('records each source file with its sha256', () => {
    const sources = Object.keys(SLACK_FACTS.sources);
    expect(sources).toEqual(
      expect.arrayContaining([
        'slack-methods/admin.apps.requests.list.json',
        'slack-openapi-v2-admin-subset.json',
        'seed-docs/slackkit-admin-apps.txt',
      ]),
    );
    for (const hash of Object.values(SLACK_FACTS.sources)) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('accessors', () => {
  it('lists the documented methods, each with a tier and an HTTP method', () => {
    const names = methodNames();
    expect(names.length).toBeGreaterThan(20);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['admin.apps.approve', 'auth.test', 'api.test']));
    for (const m of names) {
      expect(tierOfMethod(m), m).toMatch(/^t[1-5]$/);
      expect(methodFacts(m)?.httpMethod, m).toMatch(/^(GET|POST)$/);
    }
    expect(tierOfMethod('admin.apps.requests.list')).toBe('t2');
    expect(tierOfMethod('admin.apps.uninstall')).toBe('t1');
    expect(tierOfMethod('no.such.method')).toBeUndefined();
    expect(methodFacts('toString')).toBeUndefined();
  });

  it('keeps arguments, errors and scopes as Slack documents them', () => {
    const list = methodFacts('admin.apps.requests.list');
    expect(list?.args.required).toEqual(['token']);
    expect(list?.args.properties.limit).toMatchObject({
      type: 'integer',
      default: 100,
      minimum: 1,
      maximum: 1000,
    });
    expect(list?.errors.invalid_cursor).toMatch(/cursor/);
    expect(list?.scopes).toEqual({ user: ['admin.apps:read'] });
    expect(list?.output?.properties).toHaveProperty('app_requests');
    expect(methodFacts('admin.apps.approve')?.output).toBeNull();
    expect(SLACK_FACTS.events.app_requested?.apis).toEqual(['Events']);
  });

  it('gives the example responses as fresh copies', () => {
    const body = exampleResponse('admin.apps.requests.list');
    const requests = body?.app_requests as { id: string; team: unknown; app: { id: string } }[];
    expect(body?.ok).toBe(true);
    expect(requests[0]).toMatchObject({ id: 'Ar0XJGFLMLS', app: { id: 'A061BL8RQ0' } });
    expect(Object.keys(body ?? {})).toEqual(['ok', 'app_requests', 'response_metadata']);
    requests.length = 0;
    expect(exampleResponse('admin.apps.requests.list')?.app_requests).toHaveLength(1);
    expect(exampleResponse('admin.apps.requests.list', 'error')).toMatchObject({ ok: false });
    expect(exampleResponse('admin.apps.approve')).toBeUndefined();
    expect(exampleResponse('api.test', 'success_with_params')).toEqual({ ok: true, args: { foo: 'bar' } });
  });

  it('exposes the OpenAPI subset parameters and error codes', () => {
    expect([...(openApiParameters().get('admin.apps.approve') ?? [])].sort()).toEqual([
      'app_id',
      'request_id',
      'team_id',
      'token',
    ]);
    const codes = openApiErrorCodes();
    expect(codes.size).toBeGreaterThan(10);
    expect(codes.has('invalid_auth')).toBe(true);
  });

  it('exposes the seed docs whole', () => {
    const docs = seedDocTexts();
    expect(docs.map((d) => d.file)).toEqual([
      'admin.apps.clearResolution.txt',
      'admin.apps.requests.cancel.txt',
      'admin.apps.requests.list.txt',
      'admin.apps.uninstall.txt',
      'slackkit-admin-apps.txt',
    ]);
    for (const d of docs) expect(d.text.length, d.file).toBeGreaterThan(5000);
    expect(docs.find((d) => d.file === 'admin.apps.uninstall.txt')?.text).toContain('can_not_uninstall');
  });
});
