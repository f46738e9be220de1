import type { TanStackDevtoolsPlugin } from '@tanstack/devtools'
import type { TanStackDevtoolsReactPlugin } from '@tanstack/react-devtools'
import { describe, expectTypeOf, it } from 'vitest'
import { openTestStream } from '../../test/openTestStream'
import { streamDevtoolsPlugin } from '../streamDevtoolsPlugin'
import { streamDevtoolsReactPlugin } from './streamDevtoolsReactPlugin'

const { stream } = openTestStream()

describe('plugins', () => {
  it('fit what TanStack Devtools takes: the core plugin and the React one', () => {
    expectTypeOf(streamDevtoolsPlugin({ stream })).toExtend<TanStackDevtoolsPlugin>()
    expectTypeOf(streamDevtoolsReactPlugin({ stream })).toExtend<TanStackDevtoolsReactPlugin>()
  })
})
