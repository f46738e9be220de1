import { useEffect, useRef } from 'react'
import { mountStreamPanel, type StreamPanelOptions } from '../mountStreamPanel'

/** Props of {@link StreamDevtoolsPanel}: the panel's options. */
export type StreamDevtoolsPanelProps = Omit<StreamPanelOptions, 'floating'> & { floating?: boolean }

/**
 * The ssehub panel as a React component: mounted once per stream (and theme), unmounted with the
 * component. Other options are read when it mounts.
 *
 * @example
 * {import.meta.env.DEV && <StreamDevtoolsPanel stream={stream} queryClient={queryClient} floating />}
 */
export function StreamDevtoolsPanel(props: StreamDevtoolsPanelProps) {
  const container = useRef<HTMLDivElement>(null)
  const latest = useRef(props)
  latest.current = props
  const { stream, theme } = props
  useEffect(() => {
    if (!container.current) return
    const panel = mountStreamPanel(container.current, { ...latest.current, stream, theme })
    return () => panel.unmount()
  }, [stream, theme])
  return <div ref={container} style={{ height: '100%' }} />
}
