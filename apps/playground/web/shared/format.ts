/** `1999` → `$19.99`. */
export function formatCents(cents: number): string {
  return (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' })
}

/** `10000` → `10,000`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US')
}

/** `83_000` → `1 min 23 s`; `undefined` → `–`. */
export function describeAge(ms: number | undefined): string {
  if (ms === undefined) return '–'
  const seconds = Math.max(0, Math.round(ms / 1000))
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes} min ${seconds % 60} s`
}

/** `{ refetched: 3, patched: 1 }` → `3 refetched · 1 patched`. */
export function describeDecisions(decisions: Partial<Record<string, number>>): string {
  const parts = Object.entries(decisions).map(([outcome, count]) => `${count} ${outcome.replace('-', ' ')}`)
  return parts.length ? parts.join(' · ') : 'none yet'
}
