/** Injectable failures: toggles that are on (true), off (false/0) or on for the next N API calls. */
import { z } from 'zod';

const ToggleSchema = z.union([z.boolean(), z.number().int().nonnegative()]);
const ErrorForSchema = z.union([
  z.string().min(1),
  z.object({ error: z.string().min(1), count: z.number().int().positive() }),
  z.null(),
]);

/** A change to the faults, as set in-process or POSTed to /_sim/faults (`reset` clears first). */
export const FaultPatchSchema = z
  .object({
    reset: z.boolean().optional(),
    offline: ToggleSchema.optional(),
    http503: ToggleSchema.optional(),
    malformedJson: ToggleSchema.optional(),
    tokenRevoked: ToggleSchema.optional(),
    fatalErrorAfterApply: ToggleSchema.optional(),
    slowMs: z.number().int().nonnegative().optional(),
    /** Keyed by method, or `method@target` (a team or enterprise ID) for one workspace's or the org's calls. */
    errorFor: z.record(z.string(), ErrorForSchema).optional(),
    /** Targets whose requests.list answers carry one item Slack's docs do not allow (date_created as text). */
    malformedItemAt: z.array(z.string().min(1)).optional(),
  })
  .strict();
/** A change to the faults; toggles take true/false or a count of calls to fail. */
export type FaultPatch = z.infer<typeof FaultPatchSchema>;

/** The faults that fire on some calls. */
export type ToggleFault = 'offline' | 'http503' | 'malformedJson' | 'tokenRevoked' | 'fatalErrorAfterApply';

/** The current faults; a number means "the next N calls", counting down as they fire. */
export type FaultState = Record<ToggleFault, boolean | number> & {
  slowMs: number;
  errorFor: Record<string, { error: string; count: number | null }>;
  malformedItemAt: string[];
};

/** Set and clear faults in-process; the server consumes them as calls arrive. */
export type FaultControls = {
  set(patch: FaultPatch): void;
  clear(): void;
  snapshot(): FaultState;
  /** True if the fault fires for this call (and counts it down). */
  take(fault: ToggleFault): boolean;
  /** The error code to answer for this method (at this target, if given), if one is configured (and counts it down). */
  takeErrorFor(method: string, target?: string): string | undefined;
};

const TOGGLES: ToggleFault[] = [
  'offline',
  'http503',
  'malformedJson',
  'tokenRevoked',
  'fatalErrorAfterApply',
];

const empty = (): FaultState => ({
  offline: false,
  http503: false,
  malformedJson: false,
  tokenRevoked: false,
  fatalErrorAfterApply: false,
  slowMs: 0,
  errorFor: {},
  malformedItemAt: [],
});

/** Builds fault controls with everything off. */
export function createFaultControls(): FaultControls {
  let state = empty();
  return {
    set(patch) {
      const p = FaultPatchSchema.parse(patch);
      if (p.reset) state = empty();
      for (const t of TOGGLES) if (p[t] !== undefined) state[t] = p[t];
      if (p.slowMs !== undefined) state.slowMs = p.slowMs;
      if (p.malformedItemAt !== undefined) state.malformedItemAt = [...p.malformedItemAt];
      for (const [method, v] of Object.entries(p.errorFor ?? {})) {
        if (v === null) delete state.errorFor[method];
        else state.errorFor[method] = typeof v === 'string' ? { error: v, count: null } : { ...v };
      }
    },
    clear() {
      state = empty();
    },
    snapshot() {
      return structuredClone(state);
    },
    take(fault) {
      const v = state[fault];
      if (v === true) return true;
      if (typeof v === 'number' && v > 0) {
        state[fault] = v - 1;
        return true;
      }
      return false;
    },
    takeErrorFor(method, target) {
      const key = target && state.errorFor[`${method}@${target}`] ? `${method}@${target}` : method;
      const entry = state.errorFor[key];
      if (!entry) return undefined;
      if (entry.count !== null && --entry.count <= 0) delete state.errorFor[key];
      return entry.error;
    },
  };
}
