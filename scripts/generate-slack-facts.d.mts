/** The reference folder used when none is given: `<repo>/../shared/reference`. */
export declare const defaultReferenceDir: string;
/** The committed facts file. */
export declare const factsFile: string;
/** Reads the reference folder into the facts object (plain data, keys in any order). */
export declare function readFacts(referenceDir: string): Record<string, unknown>;
/** The facts file's text for a reference folder: canonical 2-space JSON, formatted as prettier would. */
export declare function renderFacts(referenceDir: string): Promise<string>;
/** One line naming the first difference between the committed text and the regenerated one, or undefined. */
export declare function describeDifference(
  committedText: string | undefined,
  generatedText: string,
): string | undefined;
