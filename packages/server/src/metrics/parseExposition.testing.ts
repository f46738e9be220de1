/**
 * A strict parser of the Prometheus text exposition format (0.0.4), for tests: it throws on anything a
 * scraper would reject or misread, and returns every sample keyed as `name{label="value",…}` (labels sorted).
 */
export interface Exposition {
  types: Map<string, string>
  help: Map<string, string>
  samples: Map<string, number>
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*'
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*'
const LABEL_VALUE = '"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"'
const SAMPLE = new RegExp(
  `^(${NAME})(?:\\{((?:${LABEL}=${LABEL_VALUE})(?:,${LABEL}=${LABEL_VALUE})*,?)?\\})? (\\S+)(?: (-?\\d+))?$`,
)
const PAIR = new RegExp(`(${LABEL})=(${LABEL_VALUE})`, 'g')
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped'])

export function parseExposition(text: string): Exposition {
  if (!text.endsWith('\n')) fail('it must end with a newline')
  const result: Exposition = { types: new Map(), help: new Map(), samples: new Map() }
  const lines = text.slice(0, -1).split('\n')
  lines.forEach((line, index) => {
    const where = `line ${index + 1} (${JSON.stringify(line)})`
    if (line === '') return
    if (line.startsWith('# HELP ')) {
      const [, name, doc] = /^# HELP (\S+) (.*)$/.exec(line) ?? fail(where)
      if (!new RegExp(`^${NAME}$`).test(name!) || result.help.has(name!)) fail(where)
      result.help.set(name!, doc!)
    } else if (line.startsWith('# TYPE ')) {
      const [, name, type] = /^# TYPE (\S+) (\S+)$/.exec(line) ?? fail(where)
      if (!TYPES.has(type!) || result.types.has(name!)) fail(where)
      result.types.set(name!, type!)
    } else if (line.startsWith('#')) {
      // a comment
    } else {
      const [, name, labels = '', value] = SAMPLE.exec(line) ?? fail(where)
      const family = familyOf(name!, result.types)
      if (!family) fail(`${where}: sample before its # TYPE`)
      const parsedValue = parseValue(value!) ?? fail(`${where}: bad value`)
      const pairs = [...labels.matchAll(PAIR)].map(([, key, quoted]) => `${key}=${quoted}`)
      if (new Set(pairs.map((pair) => pair.split('=')[0])).size !== pairs.length)
        fail(`${where}: repeated label`)
      const key = pairs.length > 0 ? `${name}{${pairs.sort().join(',')}}` : name!
      if (result.samples.has(key)) fail(`${where}: repeated sample`)
      result.samples.set(key, parsedValue)
    }
  })
  return result
}

function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name
  for (const suffix of ['_bucket', '_sum', '_count']) {
    const base = name.slice(0, -suffix.length)
    if (name.endsWith(suffix) && ['histogram', 'summary'].includes(types.get(base) ?? '')) return base
  }
  return undefined
}

function parseValue(value: string): number | undefined {
  if (value === '+Inf') return Number.POSITIVE_INFINITY
  if (value === '-Inf') return Number.NEGATIVE_INFINITY
  if (value === 'NaN') return Number.NaN
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value) ? Number(value) : undefined
}

function fail(message: string): never {
  throw new Error(`not valid Prometheus text: ${message}`)
}
