import { HubError } from '../HubError'

/**
 * For engines and stores whose options were renamed: throws `invalid_option` (status 500) when `options`
 * still has one of the old names (the keys of `renamed`, each mapped to its new name). Without it, a
 * caller the type checker does not see (JavaScript, options read from config) silently gets the default.
 */
export function refuseRenamedOptions(
  owner: string,
  options: object,
  renamed: Readonly<Record<string, string>>,
): void {
  for (const [old, name] of Object.entries(renamed)) {
    if (Object.hasOwn(options, old)) {
      throw new HubError('invalid_option', `${owner}: ${old} was renamed ${name}`, { status: 500 })
    }
  }
}
