import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// Testing Library unmounts by itself only with vitest globals on; without them, each test cleans up here.
afterEach(cleanup)
