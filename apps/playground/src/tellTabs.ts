import { HubError } from '@ssehub/server'

/** What a write answers when it was saved but its event could not be published. */
export const ENGINE_DOWN_NOTICE =
  'Saved. The event engine is unreachable, so other tabs were not told yet: they will refresh when it is back.'

/**
 * Publishes the event of a write that already happened. When the engine refuses it (`engine_unavailable`),
 * the write stands: the caller answers success with this notice instead of a 500, and the tabs learn of
 * it from the `resync` every node sends once the engine is back. Any other error is thrown.
 */
export async function tellTabs(publish: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await publish()
    return undefined
  } catch (error) {
    if (error instanceof HubError && error.code === 'engine_unavailable') {
      console.warn(`[playground] ${error.message}`)
      return ENGINE_DOWN_NOTICE
    }
    throw error
  }
}

/** For `.catch` on a publish nobody waits for (a progress value): the engine being down is no failure of the work. */
export function unlessEngineDown(error: unknown): void {
  if (!(error instanceof HubError && error.code === 'engine_unavailable')) throw error
}
