import { Orders } from './orders'

export default function Home() {
  return (
    <main>
      <h1>Orders</h1>
      <Orders />
    </main>
  )
}
