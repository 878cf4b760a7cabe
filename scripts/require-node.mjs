// Run before npm scripts that need Node 24: exits 1 with one line on stderr when this Node is older.
// Plain syntax on purpose, so that old Node versions can parse it and say what is wrong.
import { nodeVersionProblem } from './node-version.mjs';

const problem = nodeVersionProblem(process.versions.node);
if (problem !== undefined) {
  process.stderr.write(problem + '\n');
  process.exit(1);
}
