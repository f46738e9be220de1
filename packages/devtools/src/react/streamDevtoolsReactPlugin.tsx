import type { JSX } from 'react'
import { type PluginRenderProps, type StreamDevtoolsPluginOptions, themeOf } from '../streamDevtoolsPlugin'
import { StreamDevtoolsPanel } from './StreamDevtoolsPanel'

/** A plugin as `<TanStackDevtools plugins={[…]} />` of `@tanstack/react-devtools` takes it. */
export interface StreamDevtoolsReactPlugin {
  id: string
  name: string
  defaultOpen: boolean
  render: (element: HTMLElement, props: PluginRenderProps) => JSX.Element
}

/**
 * The ssehub panel as a TanStack Devtools plugin for React.
 *
 * @example
 * <TanStackDevtools plugins={[streamDevtoolsReactPlugin({ stream, queryClient })]} />
 */
export function streamDevtoolsReactPlugin(options: StreamDevtoolsPluginOptions): StreamDevtoolsReactPlugin {
  const { name = 'ssehub', id = 'ssehub', defaultOpen = false, ...panel } = options
  return {
    id,
    name,
    defaultOpen,
    render: (_element, props) => <StreamDevtoolsPanel {...panel} theme={themeOf(props)} />,
  }
}
