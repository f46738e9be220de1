export type { ContinuityEntry, ContinuityOptions } from './checkContinuity'
export { checkContinuity } from './checkContinuity'
export type { EngineHarness, EngineNode, TestApi, TestFunction } from './EngineHarness'
export { engineConformance } from './engineConformance'
