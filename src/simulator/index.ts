/** Public entry of the local Slack Web API simulator (pure Node; never imports electron). */
export { SIMULATOR_CLIENT_ID, startSimulator, type Simulator, type SimulatorOptions } from './server';
export { createDemoOrg, DEMO_EPOCH_SECONDS } from './demo-org';
export { generateOrg } from './generate-org';
export type { OrgData, SimResolution, SimTeam, SimUser, CatalogApp } from './types';
export type { SimulatorState, CallRecord, ClosedRequest, UninstallRecord } from './state';
export type { FaultControls, FaultPatch, FaultState } from './faults';
export { callApi, type CallOptions, type SimAnswer } from './test-client';
