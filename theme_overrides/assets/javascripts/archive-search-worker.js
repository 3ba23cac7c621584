/* Search for large archives: Material's search-worker protocol over the prebuilt, sharded index
 * written by generator/site/search_index.py into search/archive/.
 *
 * Runs as a Web Worker when served, and inside Material's iframe-worker shim on file:// (then on
 * the page's main thread, so every step stays short). Index files are
 * `__archiveSearch("name",<JSON>)`: fetched and parsed over HTTP, loaded as scripts on file://.
 *
 * Query rules (README, "Search at scale"): words are folded (case, accents, dots and apostrophes)
 * and split like the index; every word is a prefix; stop words are ignored unless the query has
 * nothing else; a page matches when it holds every word; its turns are ranked by BM25 with
 * Material's boosts, one result entry per turn. Text shown is escaped; only <mark> is added.
 */
(() => {
  "use strict"

  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  const FULL_PAGES = 10         /* the best pages list their best turns (the others, the page) */
  const MAX_TURNS = 4           /* turns listed per page */
  const PREFIX_WEIGHT = 0.8     /* a longer word found by prefix counts a little less */
  const SNIPPET = 260           /* characters of text shown around the first match */
  const SETTLE = 80             /* ms a query waits: while typing fast, only the last one runs */

  const STOP = new Set(("a able about across after all almost also am among an and any are as at be because " +
    "been but by can cannot could dear did do does either else ever every for from get got had has have he " +
    "her hers him his how however i if in into is it its just least let like likely may me might most must " +
    "my neither no nor not of off often on only or other our own rather said say says she should since so " +
    "some than that the their them then there these they this tis to too twas us wants was we were what " +
    "when where which while who whom why will with would yet you your").split(" "))

  const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
  const VALUE = new Int8Array(128).fill(-1)
  for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charCodeAt(i)] = i

  /* Where this script lives: the index is at <site>/search/archive/ */
  const inFrame = typeof document !== "undefined"
  const script = inFrame && document.currentScript ? document.currentScript.src : self.location.href
  const BASE = new URL("../../search/archive/", script)
  const MODE = inFrame ? "script" : location.protocol === "file:" ? "import" : "fetch"

  /* ------------------------------------------------------------------ text */

  const WORD = /[\p{L}\p{N}]+/gu
  const RAW_WORD = /[\p{L}\p{N}\p{M}.'’`]+/gu

  function fold(text) {
    if (!/^[\x00-\x7f]*$/.test(text))
      text = text.normalize("NFKD").replace(/\p{M}+/gu, "")
    return text.toLowerCase().replace(/[.'’`]/g, "")
  }

  function tokens(text) {
    return fold(text).match(WORD) || []
  }

  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
  }

  /* ----------------------------------------------------------------- files */

  const files = new Map()
  const waiting = new Map()
  self.__archiveSearch = (name, data) => {
    const resolve = waiting.get(name)
    if (resolve) {
      waiting.delete(name)
      resolve(data)
    }
  }

  function load(name) {
    if (!files.has(name)) {
      const promise = read(name)
      promise.catch(() => files.delete(name))
      files.set(name, promise)
    }
    return files.get(name)
  }

  /* The manifest is revalidated on every visit; it names the version the other files are asked for */
  let version = ""
  function read(name) {
    const url = new URL(`${name}.js${name === "manifest" ? "" : `?v=${version}`}`, BASE).href
    if (MODE === "fetch")
      return fetch(url, { cache: name === "manifest" ? "no-cache" : "default" })
        .then(response => {
          if (!response.ok) throw new Error(`${url}: ${response.status}`)
          return response.text()
        })
        .then(text => JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")"))))
    return new Promise((resolve, reject) => {
      waiting.set(name, resolve)
      if (MODE === "import") {
        importScripts(url)
        return
      }
      const el = document.createElement("script")
      el.src = url
      el.onerror = () => {
        waiting.delete(name)
        reject(new Error(`${url} did not load`))
      }
      document.body.appendChild(el)
    })
  }

  let manifest
  function getManifest() {
    if (!manifest) {
      manifest = load("manifest").then(data => {
        version = data.version
        const pageOf = new Int32Array(data.entries)
        data.pages.forEach((start, page) => pageOf.fill(page, start, data.pages[page + 1] ?? data.entries))
        return { ...data, pageOf }
      })
      manifest.catch(() => { manifest = undefined })
    }
    return manifest
  }

  const pause = (ms = 0) => new Promise(resolve => setTimeout(resolve, ms))

  /* ----------------------------------------------------------------- query */

  /* Query words: `key` as typed (lower case, for Material's ?h= highlight), `term` folded */
  function parseQuery(query) {
    const words = []
    for (const [raw] of query.toLowerCase().matchAll(RAW_WORD)) {
      const folded = tokens(raw)
      const key = raw.replace(/^[.'’`]+|[.'’`]+$/g, "")
      folded.forEach(term => words.push({ key: folded.length === 1 ? key : term, term }))
    }
    const unique = [...new Map(words.map(w => [w.term, w])).values()]
    const content = unique.filter(w => !STOP.has(w.term))
    return content.length ? content : unique.slice(-1)
  }

  /* Shards holding the words a prefix may stand for */
  function shardsFor(data, prefix) {
    if (prefix in data.common) return data.common[prefix]
    const first = data.shards
    const find = value => {
      let lo = 0, hi = first.length - 1
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if (first[mid] <= value) lo = mid
        else hi = mid - 1
      }
      return lo
    }
    const out = []
    for (let i = find(prefix), end = find(prefix + "\uffff"); i <= end; i++) out.push(i)
    return out
  }

  async function expand(data, word) {
    const shards = await Promise.all(shardsFor(data, word.term).map(n => load(`t${n}`)))
    const out = []
    for (const shard of shards)
      for (const term in shard)
        if (term.startsWith(word.term)) out.push([term, shard[term]])
    return out
  }

  function decode(data, visit) {
    let last = -1, value = 0, shift = 0
    for (let i = 0; i < data.length; i++) {
      const digit = VALUE[data.charCodeAt(i)]
      value |= (digit & 31) << shift
      if (digit >= 32) {
        shift += 5
        continue
      }
      last += value >> 3
      visit(last, value & 7)
      value = shift = 0
    }
  }

  function count(data) {
    let n = 0
    for (let i = 0; i < data.length; i++) if (VALUE[data.charCodeAt(i)] < 32) n++
    return n
  }

  /* Score every entry holding each word; keep pages holding all of them */
  async function rank(data, words, check) {
    const n = data.entries
    const score = new Float64Array(n)
    const mask = new Uint32Array(n)
    const touched = []
    let suggest
    for (let w = 0; w < words.length; w++) {
      const expansions = await expand(data, words[w])
      check()
      if (w === words.length - 1 && expansions.length)
        suggest = expansions.reduce((a, b) => (count(b[1]) > count(a[1]) ? b : a))[0]
      const best = new Map()
      for (const [term, postings] of expansions) {
        const df = count(postings)
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5))
        const weight = idf * (term === words[w].term ? 1 : PREFIX_WEIGHT) / data.levels
        decode(postings, (doc, level) => {
          const value = weight * level
          if (!(best.get(doc) >= value)) best.set(doc, value)
        })
      }
      for (const [doc, value] of best) {
        if (!mask[doc]) touched.push(doc)
        mask[doc] |= 1 << w
        score[doc] += value
      }
      await pause()
      check()
    }
    const all = (2 ** words.length - 1) >>> 0
    const pages = new Map()
    for (const doc of touched) {
      const page = data.pageOf[doc]
      const covered = popcount(mask[doc]) / words.length
      const article = data.pages[page] === doc
      const boosted = score[doc] * (1 + (+article + covered) ** 2)
      const group = pages.get(page) || { page, mask: 0, score: 0, docs: [] }
      group.mask = (group.mask | mask[doc]) >>> 0
      group.score = Math.max(group.score, boosted)
      group.docs.push({ doc, score: boosted, mask: mask[doc] })
      pages.set(page, group)
    }
    const groups = [...pages.values()]
      .filter(group => group.mask === all)
      .sort((a, b) => b.score - a.score || a.page - b.page)
    return { groups, suggest }
  }

  function popcount(x) {
    let c = 0
    for (; x; x &= x - 1) c++
    return c
  }

  /* ---------------------------------------------------------------- render */

  function matcher(words) {
    return raw => {
      for (const piece of tokens(raw))
        for (const { term } of words)
          if (piece.startsWith(term)) return true
      return false
    }
  }

  /* Escaped text with matching words in <mark>; `window` cuts it around the first match */
  function highlight(text, matches, window) {
    const found = []
    for (const m of text.matchAll(RAW_WORD)) {
      const word = m[0].replace(/[.'’`]+$/, "")
      if (word && matches(word)) found.push([m.index, m.index + word.length])
    }
    let start = 0, end = text.length
    if (window && text.length > window) {
      const at = found.length ? found[0][0] : 0
      start = Math.max(0, at - Math.floor(window / 4))
      if (start > 0) start = text.indexOf(" ", start) + 1 || start
      end = Math.min(text.length, start + window)
      if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end
    }
    let out = start > 0 ? "… " : "", pos = start
    for (const [a, b] of found) {
      if (a < start || b > end) continue
      out += escapeHTML(text.slice(pos, a)) + "<mark>" + escapeHTML(text.slice(a, b)) + "</mark>"
      pos = b
    }
    out += escapeHTML(text.slice(pos, end)) + (end < text.length ? " …" : "")
    return out
  }

  async function entry(data, doc) {
    const block = await load(`d${Math.floor(doc / data.block)}`)
    return block[doc % data.block]
  }

  async function head(data, page) {
    const chunk = await load(`p${Math.floor(page / data.chunk)}`)
    return chunk[page % data.chunk]
  }

  /* Every matching page, best first; the best ones list their best turns with a snippet */
  async function render(data, words, groups, check) {
    const matches = matcher(words)
    const terms = mask => Object.fromEntries(words.map((w, i) => [w.key, !!(mask & (1 << i))]))
    const heads = await Promise.all(groups.map(group => head(data, group.page)))
    check()
    await pause()
    return Promise.all(groups.map(async (group, rank) => {
      const [location, title] = heads[rank]
      const first = data.pages[group.page]
      const article = group.docs.find(d => d.doc === first)
      const turns = rank < FULL_PAGES
        ? group.docs.filter(d => d.doc !== first).sort((a, b) => b.score - a.score || a.doc - b.doc)
          .slice(0, MAX_TURNS)
        : []
      const page = {
        location,
        title: highlight(title, matches),
        text: article && rank < FULL_PAGES ? highlight((await entry(data, first))[2], matches, SNIPPET) : "",
        score: article ? article.score : turns.length ? 0 : group.score,
        terms: terms(article ? article.mask : turns.length ? 0 : group.mask)
      }
      const items = await Promise.all(turns.map(async ({ doc, score, mask }) => {
        const [anchor, heading, text] = await entry(data, doc)
        return {
          location: location + anchor,
          title: highlight(heading, matches),
          text: highlight(text, matches, SNIPPET),
          score,
          terms: terms(mask)
        }
      }))
      return [page, ...items].sort((a, b) => b.score - a.score)
    }))
  }

  const STALE = new Error("stale query")

  async function search(query, check) {
    const words = parseQuery(query).slice(0, 30)
    const data = await getManifest()
    if (!words.length) return { items: [] }
    await pause(SETTLE)
    check()
    const { groups, suggest } = await rank(data, words, check)
    const items = await render(data, words, groups, check)
    const last = words[words.length - 1].key
    return options.suggest && suggest && suggest.startsWith(last)
      ? { items, suggest: [suggest] }
      : { items }
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
