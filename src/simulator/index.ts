/** Public entry of the local Slack Web API simulator (pure Node; never imports electron). */
export { SIMULATOR_CLIENT_ID, startSimulator, type Simulator, type SimulatorOptions } from './server';
export {
  createDemoOrg,
  DEMO_CERTIFIED_REQUEST_COUNT,
  DEMO_EPOCH_SECONDS,
  DEMO_ORG_LEVEL_REQUEST_COUNT,
  DEMO_REQUEST_COUNT,
  DEMO_WORKSPACE_REQUEST_COUNT,
} from './demo-org';
export { generateOrg, GENERATED_CERTIFIED_APP_SHARE, GENERATED_ORG_LEVEL_SHARE } from './generate-org';
export { requestTarget } from './types';
export type { OrgData, SimRequest, SimResolution, SimTeam, SimUser, CatalogApp } from './types';
export type * from './wire-types';
export { ADMIN_TOKEN_SCOPES, DEFAULT_ROTATING_TTL_SECONDS } from './state';
export type {
  SimulatorState,
  CallRecord,
  ClosedRequest,
  IssueTokenOptions,
  TokenInfo,
  UninstallRecord,
} from './state';
export type { FaultControls, FaultPatch, FaultState } from './faults';
export { callApi, type CallOptions, type SimAnswer } from './test-client';
