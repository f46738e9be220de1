export type { PanelStore } from './createPanelStore'
export { createPanelStore } from './createPanelStore'
export type { FrameDescription, FrameItem, FrameLane } from './describeFrame'
export type { MountedStreamPanel, StreamPanelOptions } from './mountStreamPanel'
export { mountStreamPanel } from './mountStreamPanel'
export type { PanelOptions, QueryCacheLike } from './PanelOptions'
export type { PanelCounts, PanelDecision, PanelEvent, PanelState, PanelStatusChange } from './PanelState'
export type {
  PluginRenderProps,
  StreamDevtoolsPlugin,
  StreamDevtoolsPluginOptions,
} from './streamDevtoolsPlugin'
export { streamDevtoolsPlugin } from './streamDevtoolsPlugin'
