/** The React version this package's sources and tests resolve to (the React 18 run checks it). */
export { version as reactVersion } from 'react'
export { version as reactDomVersion } from 'react-dom'
