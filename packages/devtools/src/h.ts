type Child = Node | string | number | false | null | undefined

/**
 * Creates an element with attributes and children. Text goes in as text nodes, never as HTML, so
 * whatever a stream sends (an event type, a payload) can't inject markup into the panel.
 */
export function h(
  tag: string,
  attributes: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElement {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined) element.setAttribute(name, value)
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue
    element.append(typeof child === 'object' ? child : String(child))
  }
  return element
}
