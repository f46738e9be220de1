/**
 * The demo page: native `EventSource` with tickets. Each (re)connect gets a fresh single-use ticket and
 * resumes from the last id (`?lastEventId=`), which is what `@ssehub/client` does for you, with headers,
 * backoff and TanStack Query/SWR binders on top.
 */
export const page = /* html */ `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ssehub on Workers</title>
<style>body{font:16px system-ui;margin:2rem;max-width:40rem}li{font-family:monospace}</style></head>
<body>
<h1>Orders</h1>
<p>Status: <b id="status">connecting</b>. Open this page in two tabs, then create an order in one.</p>
<button id="create">Create an order</button>
<ul id="log"></ul>
<script type="module">
const { token } = await (await fetch('/api/login', { method: 'POST', body: JSON.stringify({ name: 'ada', tenant: 'acme' }) })).json()
const auth = { authorization: 'Bearer ' + token }
const status = document.getElementById('status')
const log = document.getElementById('log')
let lastEventId = ''
async function connect() {
  const { ticket } = await (await fetch('/events/ticket', { method: 'POST', headers: auth })).json()
  const source = new EventSource('/events?topics=orders&ticket=' + ticket + (lastEventId ? '&lastEventId=' + encodeURIComponent(lastEventId) : ''))
  const remember = (event) => { if (event.lastEventId) lastEventId = event.lastEventId }
  source.addEventListener('connected', (event) => { remember(event); status.textContent = 'open' })
  source.addEventListener('cursor', remember)
  source.addEventListener('invalidate', (event) => {
    remember(event)
    const li = document.createElement('li')
    li.textContent = new Date().toLocaleTimeString() + ' invalidate ' + event.data
    log.prepend(li)
  })
  source.addEventListener('resync', (event) => { remember(event); log.prepend(Object.assign(document.createElement('li'), { textContent: 'resync: refetch everything' })) })
  // A ticket is spent: never let EventSource retry with it; reconnect with a fresh one.
  source.onerror = () => { source.close(); status.textContent = 'reconnecting'; setTimeout(connect, 1000) }
}
document.getElementById('create').onclick = () => fetch('/api/orders', { method: 'POST', headers: auth })
connect()
</script>
</body>
</html>`
