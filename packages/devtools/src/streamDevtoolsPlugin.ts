import { type MountedStreamPanel, mountStreamPanel, type StreamPanelOptions } from './mountStreamPanel'

/** Options of {@link streamDevtoolsPlugin}: the panel's, plus how TanStack Devtools lists it. */
export interface StreamDevtoolsPluginOptions extends Omit<StreamPanelOptions, 'floating' | 'theme'> {
  /** @default 'ssehub' */
  name?: string
  /** @default 'ssehub' */
  id?: string
  /** Open this plugin when no other is. @default false */
  defaultOpen?: boolean
}

/** What TanStack Devtools passes a plugin's `render`: the theme (before 0.10), or props with the theme. */
export type PluginRenderProps = 'light' | 'dark' | { theme: 'light' | 'dark' }

/** The theme in either shape of {@link PluginRenderProps}. */
export function themeOf(props: PluginRenderProps | undefined): 'light' | 'dark' {
  const theme = typeof props === 'object' && props !== null ? props.theme : props
  return theme === 'dark' ? 'dark' : 'light'
}

/** A TanStack Devtools plugin, as `@tanstack/devtools` (the framework-free core) takes it. */
export interface StreamDevtoolsPlugin {
  id: string
  name: string
  defaultOpen: boolean
  render(element: HTMLElement, props: PluginRenderProps): void
  destroy(pluginId: string): void
}

/**
 * The panel as a plugin of TanStack Devtools' framework-free core (`new TanStackDevtoolsCore({ plugins })`,
 * also what its Vue and Solid adapters take). For `@tanstack/react-devtools`, use
 * `streamDevtoolsReactPlugin` from `@ssehub/devtools/react`.
 */
export function streamDevtoolsPlugin(options: StreamDevtoolsPluginOptions): StreamDevtoolsPlugin {
  const { name = 'ssehub', id = 'ssehub', defaultOpen = false, ...panel } = options
  let mounted: MountedStreamPanel | undefined
  return {
    id,
    name,
    defaultOpen,
    render(element, props) {
      // Devtools render again on a theme change: one panel at a time.
      mounted?.unmount()
      mounted = mountStreamPanel(element, { ...panel, theme: themeOf(props) })
    },
    destroy() {
      mounted?.unmount()
      mounted = undefined
    },
  }
}
