/** Read-only managed policy (macOS managed preferences, Windows registry, /etc/admit) and its merge over settings. */
export {
  DEFAULT_SETTINGS,
  loadPolicy,
  resolveSettings,
  systemPolicyIO,
  type EffectiveSettings,
  type ExecResult,
  type LoadedPolicy,
  type PolicyIO,
} from './load-policy';
export { POLICY_KEYS, type PolicyKey, type PolicyValues } from './policy-keys';
