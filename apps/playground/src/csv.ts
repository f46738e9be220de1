const COUNTRIES = ['DE', 'FR', 'NL', 'US', 'JP', 'BR']
const HEADER = 'customer,email,country,total_cents'

/** A customer row as the import accepts it. */
export interface CustomerRow {
  customer: string
  email: string
  country: string
  totalCents: number
}

/**
 * The CSV the import reads: `rows` customers, deterministic, with one deliberately broken row in every
 * 500 so the import has something real to reject.
 */
export function generateCustomersCsv(rows: number): string {
  const lines = [HEADER]
  for (let i = 1; i <= rows; i++) {
    const email = i % 500 === 0 ? 'not-an-email' : `customer${i}@example.com`
    lines.push(`Customer ${i},${email},${COUNTRIES[i % COUNTRIES.length]},${(i * 37) % 100_000}`)
  }
  return `${lines.join('\n')}\n`
}

/** The data lines of a customers CSV (header checked and dropped, blank lines skipped). */
export function csvDataLines(csv: string): string[] {
  const lines = csv.split(/\r?\n/).filter((line) => line !== '')
  if (lines[0] !== HEADER) throw new Error(`Expected the header "${HEADER}"`)
  return lines.slice(1)
}

/** One line parsed and validated, or the reason it was rejected. */
export function parseCustomerRow(line: string): CustomerRow | { error: string } {
  const fields = line.split(',')
  if (fields.length !== 4) return { error: `expected 4 fields, got ${fields.length}` }
  const [customer = '', email = '', country = '', total = ''] = fields.map((field) => field.trim())
  if (customer === '') return { error: 'missing customer' }
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return { error: `bad email ${email}` }
  if (!/^[A-Z]{2}$/.test(country)) return { error: `bad country ${country}` }
  const totalCents = Number(total)
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) return { error: `bad total ${total}` }
  return { customer, email, country, totalCents }
}
