/** Sign-in, token storage and token rotation for the main process (no Electron imports). */
export { OrgCredentialsSchema, REFRESH_TOKEN_LIFETIME_MS, type OrgCredentials } from './credentials';
export {
  DEFAULT_REDIRECT_PORTS,
  DEFAULT_SIGN_IN_TIMEOUT_MS,
  startLoopbackReceiver,
  type LoopbackOptions,
  type LoopbackReceiver,
} from './loopback';
export {
  ADMIT_USER_SCOPES,
  authorizeEndpointFor,
  buildAuthorizeUrl,
  signInWithSlack,
  type SignInOptions,
  type UrlOpener,
} from './oauth';
export {
  authTest,
  exchangeCode,
  isReauthError,
  refreshUserToken,
  revokeQuietly,
  type UserGrant,
} from './oauth-access';
export { identifyToken, type IdentifyTokenDeps } from './identify-token';
export { containsToken, redactSecrets, TOKEN_PATTERN } from './redact';
export { createSignInFlow, type SignInFlow, type SignInFlowDeps, type SignInStart } from './sign-in-flow';
export { createTokenManager, type TokenManager, type TokenManagerOptions } from './token-manager';
export {
  createMemoryVault,
  createVault,
  type TokenStorage,
  type Vault,
  type VaultAccount,
  type VaultCipher,
  type VaultOptions,
  type VaultRead,
  type VaultStatus,
} from './vault';
