/** What `run` throws (`undefined` when it returns), for asserting on the error's type and fields. */
export function catchError(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}
