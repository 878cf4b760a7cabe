/**
 * The Rules view's calls to main. Answers come back as results, not through the central error
 * notice: the view shows a refused save (an invalid rule, an `auto` rule policy forbids) beside the
 * editor, where the admin is typing.
 */
import type { AdmitApi } from '../../../shared/contract';

/** Binds the `rules:*` channels. */
export const createRulesController = (api: AdmitApi) => {
  // Only the latest dry run may update the view: answers to earlier drafts are dropped.
  let latest = 0;
  return {
    list: () => api.rules.list(),
    /** What a draft of the personal rules would decide now; null when a newer draft was sent since. */
    dryRun: async (rules: unknown[]) => {
      const seq = ++latest;
      const result = await api.rules.dryRun({ rules });
      return seq === latest ? result : null;
    },
    save: (rules: unknown[]) => api.rules.setPersonal({ rules }),
  };
};

export type RulesController = ReturnType<typeof createRulesController>;
