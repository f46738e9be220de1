// An engine author's conformance suite, through the server's testing entry (no test runner needed to compile).
import { type EngineHarness, engineConformance, type TestApi } from '@ssehub/server/testing'

export function registerConformance(api: TestApi, harness: EngineHarness): void {
  engineConformance(api, harness)
}
