// Runs search-page queries over a built index in Node, with the browser's own engine
// (theme_overrides/assets/javascripts/archive-search-core.js): `node tests/js/run-queries.js INDEX_DIR QUERIES.json`.
// With `scripts:INDEX_DIR`, the index's file:// form (the offline bundle's scripts) is read as a page does, through
// script elements (a stand-in document runs each file).
// QUERIES.json: [{"id": …, "params": "q=…&speaker=…"}, …], an item with `"whole": true` computed whole (not from an
// answer the build made for a heavy word), with `"facets": true` also printing its facets. Prints, per query, the
// problems, the result count and the first `limit` (default 10) results as `{slug, anchor, date, speaker}`, as JSON;
// a search no turn answers whole is relaxed as the page relaxes it (`dropped`: the words left out).
"use strict"
const Q = require("../../theme_overrides/assets/javascripts/archive-search-query.js")
const S = require("../../theme_overrides/assets/javascripts/archive-search-core.js")
const fs = require("fs")
const path = require("path")
const vm = require("vm")

/* A document whose script elements run files of `dir` (what `scriptSource` asks of a page) */
function scriptsIn(dir) {
  const head = {
    appendChild(el) {
      setImmediate(() => {
        const file = path.join(dir, decodeURIComponent(new URL(el.src).pathname.split("/").pop()))
        if (!fs.existsSync(file)) return el.onerror()
        vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file })
        el.onload()
      })
    }
  }
  return { head, createElement: () => ({ remove() {} }) }
}

async function main() {
  const [dir, file, limitArg] = process.argv.slice(2)
  const limit = +(limitArg || 10)
  const source = dir.startsWith("scripts:")
    ? S.scriptSource(require("url").pathToFileURL(dir.slice(8) + "/").href, scriptsIn(dir.slice(8)))
    : S.folderSource(dir)
  const index = await new S.Index(source).open()
  const out = []
  for (const item of JSON.parse(fs.readFileSync(file, "utf8"))) {
    const started = process.hrtime.bigint()
    const { state, problems, query } = S.plan(index, Q.fromParams(new URLSearchParams(item.params)))
    let result = await index.search(item.whole ? { ...query, whole: true } : query)
    const relaxed = result.total ? null : await index.relaxed(item.whole ? { ...query, whole: true } : query, result.counts)
    if (relaxed) result = relaxed.result                  /* as the page does: all but a word or two */
    const order = index.order(result, state.sort).slice(0, limit)
    const docs = order.map(i => result.docs[i])
    const stored = await index.stored(docs.concat(docs.map(d => index.start[index.briefingOf(d)])))
    const results = docs.map(doc => {
      const page = stored.get(index.start[index.briefingOf(doc)])
      const turn = stored.get(doc)
      return { slug: page[0].replace(/^briefings\//, "").replace(/\.html$/, ""), anchor: turn[0].slice(1),
        date: index.iso(index.briefingOf(doc)), heading: turn[1] }
    })
    out.push({ id: item.id, count: result.total, partial: !!result.partial, problems: problems.map(p => p.text), results,
      dropped: relaxed ? relaxed.dropped : undefined,
      facets: item.facets ? await index.facets(result) : undefined,
      ms: Number(process.hrtime.bigint() - started) / 1e6 })
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n")
}
main().catch(error => {
  console.error(error)
  process.exit(1)
})
