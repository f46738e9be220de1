/** `1999` → `$19.99`. */
export function formatCents(cents: number): string {
  return (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' })
}

/** `10000` → `10,000`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US')
}
