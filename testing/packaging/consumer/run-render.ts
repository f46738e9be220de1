// Renders each framework module named on the command line on the server, as an SSR page would.
export {}

for (const name of process.argv.slice(2)) {
  const { renderPage } = (await import(`./${name}.js`)) as { renderPage(): string | Promise<string> }
  const html = await renderPage()
  if (!html.includes('orders: connecting')) throw new Error(`${name} rendered ${html}`)
  console.log(`${name}: ok`)
}
