/** The playground page: the orders list refetched on every `invalidate`, with native EventSource. */
export const indexPage = /* html */ `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ssehub playground</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d2230 }
  h1 { font-size: 1.4rem } .muted { color: #667 } code { background: #f1f2f6; padding: 0 .25rem; border-radius: 3px }
  #status { display: inline-block; padding: 0 .5rem; border-radius: 1rem; background: #eee; font-size: .85rem }
  #status.open { background: #d7f5dd; color: #135d24 } #status.reconnecting { background: #fff1c2; color: #6b4e00 }
  table { width: 100%; border-collapse: collapse; margin-top: 1rem } td, th { text-align: left; padding: .3rem; border-bottom: 1px solid #e4e6ee }
  form { display: flex; gap: .5rem; margin-top: 1rem } input { padding: .3rem } button { padding: .3rem .8rem }
  #log { font: 12px/1.4 ui-monospace, monospace; background: #f7f7fa; padding: .5rem; max-height: 10rem; overflow: auto }
</style>
</head>
<body>
<h1>ssehub playground <span id="status">connecting</span></h1>
<p class="muted">Tenant <select id="tenant"><option>t1</option><option>t2</option></select>.
Open this page in a second tab, create an order in one, and watch the other refetch at once — no polling.
Switch one tab to tenant t2: it never hears about t1's orders.</p>
<form id="create"><input name="customer" placeholder="Customer" required><input name="total" type="number" min="1" value="1999" required><button>Create order</button></form>
<table><thead><tr><th>Order</th><th>Customer</th><th>Total</th><th>Status</th></tr></thead><tbody id="orders"></tbody></table>
<p class="muted">Requests to <code>/api/orders</code>: <b id="fetches">0</b>. Signals received:</p>
<div id="log"></div>
<script type="module">
const $ = (id) => document.getElementById(id)
const tenant = new URLSearchParams(location.search).get('tenant') ?? 't1'
$('tenant').value = tenant
$('tenant').onchange = (e) => { location.search = '?tenant=' + e.target.value }
let fetches = 0
async function load() {
  $('fetches').textContent = String(++fetches)
  const orders = await (await fetch('/api/orders?tenant=' + tenant)).json()
  $('orders').replaceChildren(...orders.map((o) => {
    const row = document.createElement('tr')
    for (const text of [o.id, o.customer, (o.totalCents / 100).toFixed(2), o.status]) {
      const cell = document.createElement('td'); cell.textContent = text; row.append(cell)
    }
    return row
  }))
}
const events = new EventSource('/events?topics=orders&tenant=' + tenant)
events.addEventListener('connected', () => { $('status').textContent = 'open'; $('status').className = 'open'; load() })
events.onerror = () => { $('status').textContent = 'reconnecting'; $('status').className = 'reconnecting' }
for (const type of ['invalidate', 'resync']) {
  events.addEventListener(type, (e) => {
    $('log').prepend(Object.assign(document.createElement('div'), { textContent: type + ' ' + e.data }))
    load()
  })
}
$('create').onsubmit = async (e) => {
  e.preventDefault()
  const form = new FormData(e.target)
  await fetch('/api/orders?tenant=' + tenant, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customer: form.get('customer'), totalCents: Math.round(Number(form.get('total'))) }),
  })
  e.target.reset()
}
</script>
</body>
</html>`
