/** The Slack edge of Admit's core: admin client, rate limiter, tier table and error taxonomy. */
export {
  createSlackAdminClient,
  webClientOptions,
  type ApproveArgs,
  type CancelRequestArgs,
  type ClearResolutionArgs,
  type OnPage,
  type PageProgress,
  type RestrictArgs,
  type SlackAdminClient,
  type SlackClientOptions,
  type UninstallArgs,
} from './client';
export { fromSlackTarget, toSlackTarget, type SlackTarget } from './target';
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './rate-limiter';
export { METHOD_TIERS, TIER_CALLS_PER_MINUTE, callsPerMinute, tierOf, type SlackTier } from './method-tiers';
export {
  LOCAL_ERROR_CODES,
  SLACK_ERROR_CATEGORIES,
  SLACK_ERROR_CODES,
  type SlackErrorCategory,
} from './error-codes';
export {
  DEFAULT_RETRY_AFTER_MS,
  SlackApiError,
  SlackArgumentError,
  appErrorCodeFor,
  classifySlackError,
  isRetryableCategory,
  toSlackApiError,
  type SlackApiErrorDetails,
  type SlackErrorClass,
} from './errors';
export { MAX_LIMIT, MAX_UNINSTALL_TEAMS } from './validate';
