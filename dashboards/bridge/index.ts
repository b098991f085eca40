/**
 * Why a number moved (docs/bridge.md): variance bridges of the headline measures, anomalies
 * worth a look, draft commentary, and the pack's story built from them.
 */
export { bridgeFor, type BridgeRequest } from './build.ts';
export { BRIDGE_MEASURES, BRIDGE_METRIC_IDS, bridgeMeasure, type BridgeMeasure } from './measures.ts';
export { findAnomalies, fullMonth, type AnomalyOptions } from './anomalies.ts';
export { draftCommentary } from './draft.ts';
export { buildStory } from './story.ts';
export { PROCEDURE_GROUPS, procedureGroup } from './procedureGroups.ts';
export { waterfallOf } from './chart.ts';
export type { Anomaly, Bridge, BridgeAmount, BridgeComparison, BridgeDimension, BridgeDriver, BridgeEffect, PackStory } from './types.ts';
