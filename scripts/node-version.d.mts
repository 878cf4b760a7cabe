/** The oldest Node major version Admit runs and builds with (see .nvmrc and package.json engines). */
export declare const REQUIRED_NODE_MAJOR: number;
/** The one-line complaint about a Node version older than Admit needs, or undefined when it is new enough. */
export declare function nodeVersionProblem(version: string): string | undefined;
