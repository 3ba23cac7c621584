/* Material's search box over the archive's own index (search/archive/, generator/site/search_store.py):
 * this script speaks the protocol of Material's search worker, with the engine of the search page
 * (archive-search-core.js) underneath.
 *
 * Runs as a Web Worker when served, and inside Material's iframe-worker shim on file:// (then on the
 * page's main thread, so every step stays short; index files load as script tags there).
 *
 * Query rules (README, "Search"): plain words are prefixes (search as you type), folded like the index;
 * a page is listed when it holds every word, its turns ranked by BM25 (a heading counting 5× its text),
 * with Material's boosts. A query using the search page's syntax (phrases, -word, speaker: and the other
 * filters) is answered as the search page answers it, grouped by page. Text shown is escaped; only
 * <mark> is added. The box's "All results and filters" link (archive-search-link.js) opens the page.
 */
(() => {
  "use strict"

  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  const FULL_PAGES = 10         /* the best pages list their best turns (the others, the page) */
  const MAX_PAGES = 60          /* pages listed at most; the search page has them all */
  const MAX_TURNS = 4           /* turns listed per page */
  const SNIPPET = 260           /* characters of text shown around the first match */
  const SETTLE = 80             /* ms a query waits: while typing fast, only the last one runs */

  const inFrame = typeof document !== "undefined"
  const script = inFrame && document.currentScript ? document.currentScript.src : self.location.href
  const HERE = new URL("./", script)
  const BASE = new URL("../../search/archive/", script)

  /* The engine's scripts: importScripts is synchronous in a worker, a promise in the shim's frame */
  const loaded = Promise.resolve(importScripts(new URL("archive-search-query.js", HERE).href,
    new URL("archive-search-core.js", HERE).href))

  let index
  function getIndex() {
    if (!index) {
      index = loaded.then(() => {
        const S = self.ArchiveSearch
        const source = inFrame ? S.scriptSource(BASE, document) : S.httpSource(BASE)
        return new S.Index(source).open()
      })
      index.catch(() => { index = undefined })
    }
    return index
  }

  const pause = (ms = 0) => new Promise(resolve => setTimeout(resolve, ms))

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
  }

  /* Escaped text with the matching words in <mark>; `window` cuts it around the first match */
  function highlight(text, terms, phrases, window) {
    const Q = self.ArchiveQuery
    return Q.snippet(text, Q.matches(text, terms, phrases), window)
      .map(p => (p.mark ? `<mark>${escapeHTML(p.text)}</mark>` : escapeHTML(p.text))).join("")
  }

  /* --------------------------------------------------------------------- plain words */

  /* Pages holding every word (each a prefix), with their entries' scores */
  async function rankPages(data, words, check) {
    const S = self.ArchiveSearch
    const tick = S.ticker(check)
    const score = new Map(), mask = new Map()
    const found = new Set()
    for (let w = 0; w < words.length; w++) {
      const forms = await data.forms(words[w].term, "prefix")
      check()
      forms.forEach(f => found.add(f.term))
      const { docs, weights } = await data.postingsOf(forms, tick)
      for (let i = 0; i < docs.length; i++) {
        score.set(docs[i], (score.get(docs[i]) || 0) + weights[i])
        mask.set(docs[i], (mask.get(docs[i]) || 0) | (1 << w))
      }
      await pause()
      check()
    }
    const all = 2 ** words.length - 1
    const pages = new Map()
    for (const [doc, m] of mask) {
      const page = data.pageOf(doc)
      const covered = popcount(m) / words.length
      const article = data.pageStart(page) === doc
      const boosted = score.get(doc) * (1 + (+article + covered) ** 2)
      const group = pages.get(page) || { page, mask: 0, score: 0, docs: [] }
      group.mask |= m
      group.score = Math.max(group.score, boosted)
      group.docs.push({ doc, score: boosted, mask: m })
      pages.set(page, group)
    }
    const groups = [...pages.values()].filter(g => g.mask === all).sort((a, b) => b.score - a.score || a.page - b.page)
    return { groups, found, phrases: [] }
  }

  function popcount(x) {
    let c = 0
    for (; x; x &= x - 1) c++
    return c
  }

  /* --------------------------------------------------------------------- the page's syntax */

  async function rankTurns(data, query, check) {
    let result = await data.search({ ...query, mode: "stem" }, check)
    if (!result.total) {                      /* a question typed as a sentence: the turns holding all but a word or two */
      const relaxed = await data.relaxed({ ...query, mode: "stem" }, result.counts, check)
      if (relaxed) result = relaxed.result
    }
    const pages = new Map()
    const order = data.order(result, "relevance")
    for (const i of order) {
      const doc = result.docs[i]
      const page = data.pageOf(doc)
      const group = pages.get(page) || { page, mask: 1, score: result.scores[i], docs: [] }
      group.docs.push({ doc, score: result.scores[i], mask: 1 })
      pages.set(page, group)
    }
    return { groups: [...pages.values()], found: result.found, phrases: query.phrases.map(p => p.terms) }
  }

  /* --------------------------------------------------------------------- render */

  async function render(data, ranked, keys, check) {
    const { groups, found, phrases } = ranked
    const shown = groups.slice(0, MAX_PAGES)
    const wanted = new Set()
    shown.forEach((group, rank) => {
      const first = data.pageStart(group.page)
      wanted.add(first)
      group.turns = rank < FULL_PAGES
        ? group.docs.filter(d => d.doc !== first).sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, MAX_TURNS) : []
      group.turns.forEach(d => wanted.add(d.doc))
    })
    const stored = await data.stored([...wanted])
    check()
    const terms = mask => Object.fromEntries(keys.map((k, i) => [k, !!(mask & (1 << i))]))
    return shown.map((group, rank) => {
      const first = data.pageStart(group.page)
      const [location, title, text] = stored.get(first)
      const article = group.docs.find(d => d.doc === first)
      const turns = group.turns
      const page = {
        location,
        title: highlight(title, found, phrases),
        text: article && rank < FULL_PAGES ? highlight(text, found, phrases, SNIPPET) : "",
        score: article ? article.score : turns.length ? 0 : group.score,
        terms: terms(article ? article.mask : turns.length ? 0 : group.mask)
      }
      const items = turns.map(({ doc, score, mask }) => {
        const [anchor, heading, body] = stored.get(doc)
        return { location: location + anchor, title: highlight(heading, found, phrases), text: highlight(body, found, phrases, SNIPPET),
          score, terms: terms(mask) }
      })
      return [page, ...items].sort((a, b) => b.score - a.score)
    })
  }

  const STALE = new Error("stale query")

  async function search(text, check) {
    const data = await getIndex()
    const Q = self.ArchiveQuery, S = self.ArchiveSearch
    const parsed = Q.parseQuery(text)
    const plain = !parsed.phrases.length && !parsed.exclude.length && !parsed.fields.length
    const words = parsed.words.filter(w => !w.stop).slice(0, 12)
    if (plain && !words.length) return { items: [] }
    await pause(SETTLE)
    check()
    let ranked, keys
    if (plain) {
      ranked = await rankPages(data, words, check)
      keys = words.map(w => w.raw.toLowerCase())
    } else {
      const planned = S.plan(data, Q.fromParams([["q", text]]))
      if (!planned.query.words.length && !planned.query.phrases.length && !Object.values(planned.query.filters).some(v => v && v.length))
        return { items: [] }
      ranked = await rankTurns(data, planned.query, check)
      keys = ["q"]
    }
    const items = await render(data, ranked, keys, check)
    if (plain && options.suggest && ranked.found.size) {
      const last = words[words.length - 1].term
      const longer = [...ranked.found].filter(t => t.startsWith(last) && t !== last).sort((a, b) => a.length - b.length)
      if (longer.length) return { items, suggest: [longer[0]] }
    }
    return { items }
  }

  /* -------------------------------------------------------------- protocol */

  let options = {}
  let latest = 0
  addEventListener("message", async ev => {
    const message = ev.data
    if (message.type === SETUP) {
      options = message.data.options || {}
      postMessage({ type: READY })
    } else if (message.type === QUERY) {
      const id = ++latest
      const check = () => {
        if (id !== latest) throw STALE
      }
      let data
      try {
        data = await search(message.data, check)
      } catch (err) {
        if (err === STALE) return
        console.warn(`Search failed for ${JSON.stringify(message.data)}:`, err)
        data = { items: [] }
      }
      if (id === latest) postMessage({ type: RESULT, data })
    }
  })
})()
