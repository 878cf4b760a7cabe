/**
 * Writes the policy templates IT imports from the one policy registry (src/main/policy): the Windows
 * ADMX/ADML, the macOS example profile and Jamf schema, the JSON schema and example of
 * /etc/admit/policy.json, and the policy table in docs/deploying.md.
 *
 *   node scripts/generate-policy-templates.mjs [--check]
 *
 * --check writes nothing: it exits 1 naming every file that is not what the registry gives, else 0
 * (src/main/policy/templates.test.ts runs it). The registry is TypeScript: Node 24 strips its types,
 * and the resolve hook below lets its extensionless relative imports find their `.ts` files.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const templatesModule = join(repoRoot, 'src/main/policy/templates.ts');

/** Lets `import './policy-keys'` (the bundler's resolution, which the sources use) find policy-keys.ts. */
const resolveTypeScriptImports = () =>
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      if (relative && !/\.[cm]?[jt]sx?$|\.json$/.test(specifier)) {
        try {
          return nextResolve(`${specifier}.ts`, context);
        } catch {
          // not a .ts file: resolve as written
        }
      }
      return nextResolve(specifier, context);
    },
  });

/** Each generated file's text, formatted as prettier formats it where prettier knows the format. */
export async function renderPolicyTemplates(root = repoRoot) {
  const { policyTemplateFiles } = await import(pathToFileURL(templatesModule).href);
  const docs = readFileSync(join(root, 'docs/deploying.md'), 'utf8');
  const files = policyTemplateFiles(docs);
  const out = {};
  for (const [path, content] of Object.entries(files)) {
    const text = typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`;
    const filepath = join(root, path);
    if (/\.(json|md)$/.test(path)) {
      const options = (await resolveConfig(filepath)) ?? {};
      out[path] = await format(text, { ...options, filepath });
    } else {
      out[path] = text;
    }
  }
  return out;
}

const read = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

async function main(args) {
  const check = args.includes('--check');
  const files = await renderPolicyTemplates();
  const stale = [];
  for (const [path, text] of Object.entries(files)) {
    const file = join(repoRoot, path);
    if (read(file) === text) continue;
    stale.push(path);
    if (!check) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  if (check && stale.length > 0) {
    console.error(`Policy templates out of date (run npm run policy-templates): ${stale.join(', ')}`);
    process.exit(1);
  }
  if (!check) console.log(stale.length ? `Wrote ${stale.join(', ')}` : 'Policy templates up to date');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  resolveTypeScriptImports();
  await main(process.argv.slice(2));
}
