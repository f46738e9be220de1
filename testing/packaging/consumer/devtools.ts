// The framework-free devtools panel, mounted on its own.
import type { EventStream } from '@ssehub/client'
import { type MountedStreamPanel, mountStreamPanel } from '@ssehub/devtools'

export function mountPanel(element: HTMLElement, stream: EventStream): MountedStreamPanel {
  return mountStreamPanel(element, { stream, floating: true })
}
