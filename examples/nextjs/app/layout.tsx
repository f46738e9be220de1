import { EventStreamProvider } from '@ssehub/react'
import type { ReactNode } from 'react'
import { Providers } from './providers'

export const metadata = { title: 'Orders' }

// A server component: it imports the provider straight from @ssehub/react, whose "use client" makes it a
// client component here. `options` is plain data, so it crosses from server to client.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <EventStreamProvider options={{ url: '/api/events', topics: ['orders'] }}>
            {children}
          </EventStreamProvider>
        </Providers>
      </body>
    </html>
  )
}
