// Plain syntax on purpose: this file must parse on old Node versions so it can say they are too old.

/** The oldest Node major version Admit runs and builds with (see .nvmrc and package.json engines). */
export const REQUIRED_NODE_MAJOR = 24;

/** The one-line complaint about a Node version older than Admit needs, or undefined when it is new enough. */
export function nodeVersionProblem(version) {
  const major = Number(String(version).replace(/^v/, '').split('.')[0]);
  if (major >= REQUIRED_NODE_MAJOR) return undefined;
  return (
    'Admit needs Node ' +
    REQUIRED_NODE_MAJOR +
    ' or newer (this is Node v' +
    String(version).replace(/^v/, '') +
    '). Run "nvm use" (see .nvmrc) or install Node ' +
    REQUIRED_NODE_MAJOR +
    '.'
  );
}
