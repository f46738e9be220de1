/** Joins chunks into one buffer, so a flush is a single write to the socket. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  let totalBytes = 0
  for (const chunk of chunks) totalBytes += chunk.byteLength
  const out = new Uint8Array(totalBytes)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}
