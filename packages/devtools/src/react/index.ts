'use client'

export type { StreamDevtoolsPanelProps } from './StreamDevtoolsPanel'
export { StreamDevtoolsPanel } from './StreamDevtoolsPanel'
export type { StreamDevtoolsReactPlugin } from './streamDevtoolsReactPlugin'
export { streamDevtoolsReactPlugin } from './streamDevtoolsReactPlugin'
