/* The archive's search engine: reads the index generator/site/search_store.py writes into
 * search/archive/ and answers queries with their whole result set, facets and texts.
 *
 * Where the index is read from (`Source`): over HTTP, `manifest.js` and `lists.js` whole, every other
 * piece by a Range request into a pack file (a server without Range support sends the whole pack
 * once, which is kept); from `file://`, each piece is a script file of its own (`b<n>.js`, `s<n>.js`,
 * `d<n>.js`…) loaded by a script tag; in Node (the relevance tests), from disk. Every loaded piece is
 * kept for the page's life.
 *
 * `Index.search(query)` takes a parsed query (archive-search-query.js) with its filters resolved to
 * ids, and gives every matching turn: ids, scores, facets (who, question, topic set) and the
 * query's words as found, for highlighting. No DOM here: the page and the worker render.
 */
(function (root) {
  "use strict"

  const Q = root.ArchiveQuery || (typeof require === "function" ? require("./archive-search-query.js") : null)

  const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
  const VALUE = new Int8Array(128).fill(-1)
  for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charCodeAt(i)] = i
  const STEM_WEIGHT = 0.9       /* a singular or plural of the word typed counts a little less */
  const PREFIX_WEIGHT = 0.8     /* a longer word found by prefix (the header box) counts less still */
  const YIELD_MS = 12           /* a long step gives the page's thread back this often (file://) */
  const GAP = 2048              /* text blocks this close are read in one request */

  /* ------------------------------------------------------------------------------ varints */

  function varints(data) {
    const out = []
    let value = 0, shift = 0
    for (let i = 0; i < data.length; i++) {
      const digit = VALUE[data.charCodeAt(i)]
      value += shift < 30 ? (digit & 31) << shift : (digit & 31) * 2 ** shift
      if (digit >= 32) {
        shift += 5
        continue
      }
      out.push(value)
      value = shift = 0
    }
    return out
  }

  /* A reader of consecutive varints in `data`: `read()` gives the next number */
  function reader(data) {
    let i = 0
    return () => {
      let value = 0, shift = 0
      for (;;) {
        const digit = VALUE[data.charCodeAt(i++)]
        value += shift < 30 ? (digit & 31) << shift : (digit & 31) * 2 ** shift
        if (digit < 32) return value
        shift += 5
      }
    }
  }

  /* Postings `(entry, level)` of an ids string, in entry order */
  function postings(data, visit) {
    let last = -1, value = 0, shift = 0
    for (let i = 0; i < data.length; i++) {
      const digit = VALUE[data.charCodeAt(i)]
      value |= (digit & 31) << shift
      if (digit >= 32) {
        shift += 5
        continue
      }
      last += value >>> 3
      visit(last, value & 7)
      value = shift = 0
    }
  }

  function countPostings(data) {
    let n = 0
    for (let i = 0; i < data.length; i++) if (VALUE[data.charCodeAt(i)] < 32) n++
    return n
  }

  const now = () => (typeof performance === "object" ? performance.now() : Date.now())
  const pause = () => new Promise(resolve => setTimeout(resolve, 0))

  /* A clock for long loops: `await tick()` gives the thread back when YIELD_MS have passed */
  function ticker(check) {
    let since = now()
    return async () => {
      if (now() - since < YIELD_MS) return
      await pause()
      if (check) check()
      since = now()
    }
  }

  /* ------------------------------------------------------------------------------ sources */

  const unwrap = text => JSON.parse(text.slice(text.indexOf(",") + 1, text.lastIndexOf(")")))

  /* Over HTTP: small files whole, the rest by Range requests into the packs */
  function httpSource(base) {
    const whole = new Map()
    let version = ""
    async function bytes(file, offset, length) {
      const url = new URL(`${file}?v=${version}`, base).href
      if (whole.has(url)) return (await whole.get(url)).subarray(offset, offset + length)
      const response = await fetch(url, { headers: { Range: `bytes=${offset}-${offset + length - 1}` } })
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
      const data = new Uint8Array(await response.arrayBuffer())
      if (response.status === 206) return data
      whole.set(url, Promise.resolve(data))   /* no Range support: the whole file came, keep it */
      return data.subarray(offset, offset + length)
    }
    return {
      mode: "http",
      async file(name) {
        const response = await fetch(new URL(`${name}.js`, base).href, { cache: name === "manifest" ? "no-cache" : "default" })
        if (!response.ok) throw new Error(`${name}.js: HTTP ${response.status}`)
        const data = unwrap(await response.text())
        if (name === "manifest") version = data.version
        return data
      },
      async blob(name, prefix, [pack, offset, length]) {
        return JSON.parse(new TextDecoder().decode(await bytes(`${prefix}${pack}.bin`, offset, length)))
      },
      bytes,
      inflate
    }
  }

  async function inflate(data) {
    const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate"))
    return JSON.parse(await new Response(stream).text())
  }

  /* From file://: every piece a script `__archiveSearch("name",…)` (the offline bundle) */
  function scriptSource(base, doc) {
    const waiting = new Map()
    root.__archiveSearch = (name, data) => {
      const done = waiting.get(name)
      if (done) {
        waiting.delete(name)
        done.resolve(data)
      }
    }
    function load(name) {
      return new Promise((resolve, reject) => {
        waiting.set(name, { resolve })
        const el = doc.createElement("script")
        el.src = new URL(`${name}.js`, base).href
        el.onload = () => {
          el.remove()
          if (waiting.has(name)) {
            waiting.delete(name)
            reject(new Error(`${name}.js did not define its data`))
          }
        }
        el.onerror = () => {
          el.remove()
          waiting.delete(name)
          reject(new Error(`${name}.js did not load`))
        }
        doc.head.appendChild(el)
      })
    }
    return { mode: "script", file: load, blob: name => load(name), block: n => load(`d${n}`) }
  }

  /* In Node, from a folder on disk (the relevance tests and the bench) */
  function folderSource(dir) {
    const fs = require("fs"), path = require("path"), zlib = require("zlib")
    const read = (file, offset, length) => {
      const fd = fs.openSync(path.join(dir, file), "r")
      try {
        const out = Buffer.alloc(length)
        fs.readSync(fd, out, 0, length, offset)
        return out
      } finally {
        fs.closeSync(fd)
      }
    }
    return {
      mode: "folder",
      file: async name => unwrap(fs.readFileSync(path.join(dir, `${name}.js`), "utf8")),
      blob: async (name, prefix, [pack, offset, length]) => JSON.parse(read(`${prefix}${pack}.bin`, offset, length).toString("utf8")),
      bytes: async (file, offset, length) => new Uint8Array(read(file, offset, length)),
      inflate: async data => JSON.parse(zlib.inflateSync(data).toString("utf8"))
    }
  }

  /* -------------------------------------------------------------------------------- index */

  class Index {
    constructor(source) {
      this.source = source
      this.loaded = new Map()
    }

    /* The manifest and the lists: briefings (dates, kinds, entries), identities, topics, kinds */
    async open() {
      const [manifest, lists] = await Promise.all([this.source.file("manifest"), this.source.file("lists")])
      this.manifest = manifest
      this.lists = lists
      this.entries = manifest.entries
      this.turnsEnd = manifest.turns_end
      const n = manifest.briefings
      const days = varints(lists.dates), sizes = varints(lists.sizes)
      this.kindOf = Int32Array.from(varints(lists.kinds_of))
      this.start = new Int32Array(n + 1)
      this.day = new Int32Array(n)
      for (let i = 0, day = 0; i < n; i++) {
        day += days[i]
        this.day[i] = day - 719163            /* Python's date ordinal → days since 1970-01-01 */
        this.start[i + 1] = this.start[i] + sizes[i]
      }
      this.month = new Int32Array(n)     /* year × 12 + month − 1, per briefing */
      for (let i = 0; i < n; i++) {
        const date = new Date(this.day[i] * 86400000)
        this.month[i] = date.getUTCFullYear() * 12 + date.getUTCMonth()
      }
      let at = 0
      this.pages = varints(lists.pages).map(gap => (at += gap))
      const parts = varints(manifest.shards.parts)
      this.shards = manifest.shards.first.map(() => ({}))
      for (let i = 0, pack = -1, offset = 0; i < this.shards.length; i++) {
        const [step, ...lengths] = parts.slice(i * 4, i * 4 + 4)
        if (step || pack < 0) [pack, offset] = [pack + Math.max(step, 1), 0]
        this.shards[i].locations = lengths.map(length => {
          const location = [pack, offset, length]
          offset += length
          return location
        })
      }
      this.whos = lists.who.map(row => {
        if (typeof row[1] === "string") {   /* the first form: [id, name, question, outlet id, outlet, page, turns] */
          const [id, name, question, outlet, outletName, page, count] = row
          return { id, name, question: !!question, outlet, outletName, page: !!page, count }
        }
        const [name, question, page, count, outletName = "", id = "", outlet = ""] = row
        return { id: id || Q.slugify(name), name, question: !!question, page: !!page, count, outletName,
          outlet: outlet || (outletName ? Q.slugify(outletName) : "") }
      })
      this.topics = lists.topics.map(([id, name, count]) => ({ id, name, count }))
      this.kinds = lists.kinds.map(([id, name]) => ({ id, name }))
      this.sets = []
      return this
    }

    piece(key, load) {
      if (!this.loaded.has(key)) {
        const promise = load()
        promise.catch(() => this.loaded.delete(key))
        this.loaded.set(key, promise)
      }
      return this.loaded.get(key)
    }

    /* ------------------------------------------------------------ terms */

    shardOf(term) {
      const first = this.manifest.shards.first
      let lo = 0, hi = first.length - 1
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if (first[mid] <= term) lo = mid
        else hi = mid - 1
      }
      return lo
    }

    shardPart(number, part) {
      const kind = "smq"[part]
      return this.piece(`${kind}${number}`, () =>
        this.source.blob(`${kind}${number}`, "shards", this.shards[number].locations[part]))
    }

    bigBlob([number, ...location]) {
      return this.piece(`b${number}`, () => this.source.blob(`b${number}`, "terms", location))
    }

    /* A term's `{df, shard, entry}`, or null when no entry holds it */
    async term(term) {
      if (!this.shards.length) return null
      const number = this.shardOf(term)
      const shard = await this.shardPart(number, 0)
      const entry = shard[term]
      return entry ? { term, df: entry[0], shard: number, entry } : null
    }

    /* The terms of the shards covering `prefix` that satisfy `keep(term)` */
    async termsFrom(prefix, keep, limit = 200) {
      if (!this.shards.length) return []
      const out = []
      for (let n = this.shardOf(prefix); n < this.shards.length; n++) {
        const shard = await this.shardPart(n, 0)
        for (const term in shard) if (term.startsWith(prefix) && keep(term)) out.push({ term, df: shard[term][0], shard: n, entry: shard[term] })
        const next = this.manifest.shards.first[n + 1]
        if (next === undefined || !next.startsWith(prefix) && next > prefix) break
        if (out.length >= limit) break
      }
      return out
    }

    async ids(info) {
      return typeof info.entry[1] === "string" ? info.entry[1] : this.bigBlob(info.entry[1])
    }

    async meta(info) {
      if (typeof info.entry[1] === "string") return (await this.shardPart(info.shard, 1))[info.term] || ""
      return info.entry[2] ? this.bigBlob(info.entry[2]) : ""
    }

    async positions(info) {
      if (typeof info.entry[1] === "string") return (await this.shardPart(info.shard, 2))[info.term] || ""
      return info.entry[3] ? this.bigBlob(info.entry[3]) : ""
    }

    /* The forms a query word stands for: itself; its singular and plural (`stem`); or, in the header
     * box, every word it begins (`prefix`, bounded for very common prefixes) */
    async forms(word, mode) {
      if (mode === "exact") {
        const info = await this.term(word)
        return info ? [{ ...info, weight: 1 }] : []
      }
      if (mode === "prefix") {
        const common = word.length >= 3 ? (await this.commonPrefixes())[word] : null
        const found = common
          ? (await Promise.all(common.map(t => this.term(t)))).filter(Boolean)
          : word.length < 3 ? [await this.term(word)].filter(Boolean) : await this.termsFrom(word, () => true, 400)
        return found.map(info => ({ ...info, weight: info.term === word ? 1 : PREFIX_WEIGHT }))
      }
      const root = Q.stem(word)
      if (root === word && word.length < 4) return this.forms(word, "exact")
      const start = root.length > 3 && /y$/.test(root) ? root.slice(0, -1) : root
      const found = await this.termsFrom(start, t => t === word || Q.stem(t) === root, 50)
      return found.map(info => ({ ...info, weight: info.term === word ? 1 : STEM_WEIGHT }))
    }

    commonPrefixes() {
      const location = this.manifest.blobs.prefixes
      return this.piece("prefixes", () => this.source.blob("prefixes", "terms", location))
    }

    idf(df) {
      return Math.log(1 + (this.entries - df + 0.5) / (df + 0.5))
    }

    /* Sorted entries of the forms, with each entry's best weight: `{docs: Int32Array, weights: Float32Array}` */
    async postingsOf(forms, tick) {
      const datas = await Promise.all(forms.map(form => this.ids(form)))
      const total = datas.reduce((n, data) => n + countPostings(data), 0)
      const docs = new Int32Array(total), weights = new Float32Array(total)
      let k = 0
      for (let f = 0; f < forms.length; f++) {
        const weight = this.idf(forms[f].df) * forms[f].weight / this.manifest.levels
        postings(datas[f], (doc, level) => {
          docs[k] = doc
          weights[k++] = weight * level
        })
        await tick()
      }
      return forms.length > 1 ? merged(docs, weights) : { docs, weights }
    }

    /* ------------------------------------------------------------ facets */

    /* Facets `(who × 2 + question, topic set)` of the forms' entries, in entry order */
    async metaOf(forms, tick) {
      const parts = await Promise.all(forms.map(form => Promise.all([this.ids(form), this.meta(form)])))
      const total = parts.reduce((n, [ids]) => n + countPostings(ids), 0)
      const docs = new Int32Array(total), codes = new Int32Array(total), sets = new Int32Array(total)
      let k = 0
      for (const [ids, meta] of parts) {
        const next = reader(meta)
        postings(ids, doc => {
          docs[k] = doc
          codes[k] = next()
          sets[k++] = next()
        })
        await tick()
      }
      if (forms.length < 2) return { docs, codes, sets }
      const order = sortedBy(docs)
      const keep = []
      for (let j = 0; j < order.length; j++) if (!j || docs[order[j]] !== docs[order[j - 1]]) keep.push(order[j])
      return { docs: Int32Array.from(keep, j => docs[j]), codes: Int32Array.from(keep, j => codes[j]),
        sets: Int32Array.from(keep, j => sets[j]) }
    }

    /* The topics of a topic set (loading its part of the set dictionary) */
    async topicSets(numbers) {
      const chunks = [...new Set(numbers.map(n => Math.floor(n / 1024)))]
      await Promise.all(chunks.map(async chunk => {
        if (this.sets[chunk]) return
        const location = this.manifest.blobs[`sets${chunk}`]
        const data = await this.piece(`sets${chunk}`, () => this.source.blob(`sets${chunk}`, "terms", location))
        const values = varints(data), sets = []
        for (let i = 0; i < values.length;) {
          const size = values[i++]
          sets.push(values.slice(i, i + size))
          i += size
        }
        this.sets[chunk] = sets
      }))
      return numbers.map(n => this.sets[Math.floor(n / 1024)][n % 1024])
    }

    /* ------------------------------------------------------------ briefings */

    briefingOf(doc) {
      const start = this.start
      let lo = 0, hi = this.start.length - 2
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if (start[mid] <= doc) lo = mid
        else hi = mid - 1
      }
      return lo
    }

    /* Entries of briefings dated within [from, to] (ISO dates, either empty): `[first, end)` */
    dateRange(from, to) {
      const first = from ? lowerBound(this.day, Q.dayNumber(from)) : 0
      const end = to ? lowerBound(this.day, Q.dayNumber(to) + 1) : this.day.length
      return [this.start[first], this.start[end]]
    }

    iso(briefing) {
      return Q.isoDay(this.day[briefing])
    }

    /* The page a header-box entry belongs to: briefings, then the other pages */
    pageOf(doc) {
      if (doc < this.turnsEnd) return this.briefingOf(doc)
      return this.start.length - 1 + upperBound(this.pages, doc) - 1
    }

    pageStart(page) {
      const n = this.start.length - 1
      return page < n ? this.start[page] : this.pages[page - n]
    }

    /* ------------------------------------------------------------ texts */

    /* The stored entries of `docs`: `Map(doc → stored)`; `progress(done, total)` while loading many */
    async stored(docs, progress) {
      const blocks = [...new Set(docs.map(d => Math.floor(d / this.manifest.block)))].sort((a, b) => a - b)
      const out = new Map()
      const need = new Set(docs)
      let done = 0
      const keep = async block => {
        const entries = await this.block(block)
        entries.forEach((entry, i) => {
          const doc = block * this.manifest.block + i
          if (need.has(doc)) out.set(doc, entry)
        })
        if (progress) progress(++done, blocks.length)
      }
      if (this.source.mode === "script") {
        for (let i = 0; i < blocks.length; i += 8) await Promise.all(blocks.slice(i, i + 8).map(keep))
        return out
      }
      await this.readBlocks(blocks)
      for (const block of blocks) await keep(block)
      return out
    }

    async block(n) {
      if (this.source.mode === "script") return this.piece(`d${n}`, () => this.source.block(n))
      if (!this.loaded.has(`d${n}`)) await this.readBlocks([n])
      return this.loaded.get(`d${n}`)
    }

    /* Text blocks by Range: their offsets from blocks.bin, then the compressed bytes, nearby blocks
     * in one request, at most 8 requests at once */
    async readBlocks(numbers) {
      const wanted = numbers.filter(n => !this.loaded.has(`d${n}`))
      if (!wanted.length) return
      const waiting = new Map()
      for (const n of wanted) {
        const promise = new Promise((resolve, reject) => waiting.set(n, { resolve, reject }))
        promise.catch(() => this.loaded.delete(`d${n}`))
        this.loaded.set(`d${n}`, promise)
      }
      try {
        const offsets = new Map()
        for (const run of runs(wanted, 64)) {
          const data = await this.source.bytes("blocks.bin", run[0] * 4, (run[run.length - 1] - run[0] + 2) * 4)
          const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
          for (const n of run) offsets.set(n, [view.getUint32((n - run[0]) * 4, true), view.getUint32((n - run[0] + 1) * 4, true)])
        }
        const packs = this.manifest.text
        const groups = []
        for (const n of [...wanted].sort((a, b) => a - b)) {
          const [start, end] = offsets.get(n)
          const pack = upperBound(packs, start) - 1
          const last = groups[groups.length - 1]
          if (last && last.pack === pack && start - last.end <= GAP) {
            last.blocks.push([n, start, end])
            last.end = end
          } else groups.push({ pack, start, end, blocks: [[n, start, end]] })
        }
        const read = async group => {
          const data = await this.source.bytes(`text${group.pack}.bin`, group.start - packs[group.pack], group.end - group.start)
          for (const [n, start, end] of group.blocks)
            this.source.inflate(data.subarray(start - group.start, end - group.start)).then(waiting.get(n).resolve, waiting.get(n).reject)
        }
        for (let i = 0; i < groups.length; i += 8) await Promise.all(groups.slice(i, i + 8).map(read))
      } catch (error) {
        for (const w of waiting.values()) w.reject(error)
        throw error
      }
    }

    /* ------------------------------------------------------------ search */

    /* Every turn matching `query`: `{docs (entry order), scores, codes, sets, found, problems, counts}`.
     * `query`: `{words: [{term}], phrases: [{terms}], exclude: [{terms}], mode, filters: {who: [numbers],
     * question (true/false/undefined), outlets: [ids], topics: [numbers], kinds: [numbers], from, to}}`. */
    async search(query, check) {
      const tick = ticker(check)
      const f = query.filters || {}
      const result = { docs: new Int32Array(0), scores: null, codes: null, sets: null, found: new Set(), counts: [] }
      const required = []
      for (const word of query.words) required.push({ label: word.raw || word.term, forms: await this.forms(word.term, query.mode || "stem") })
      const phraseForms = []
      for (const phrase of query.phrases) {
        const forms = []
        for (const term of phrase.terms) if (term !== null) forms.push(await this.forms(term, "exact"))
        phraseForms.push(forms)
        forms.forEach((fs, i) => required.push({ label: phrase.terms.filter(Boolean)[i], forms: fs, phrase: true }))
      }
      if (check) check()
      result.counts = required.map(r => ({ label: r.label, df: r.forms.reduce((n, form) => n + form.df, 0) }))
      for (const r of required) if (!r.phrase) for (const form of r.forms) result.found.add(form.term)
      if (required.some(r => !r.forms.length)) return result

      /* the driver, whose facets are read: the smallest of the words and of the filters' own terms */
      const candidates = [...required.map(r => r.forms), ...await this.filterGroups(f, !required.length)]
      if (!candidates.length) return result
      const driver = candidates.reduce((a, b) => (df(b) < df(a) ? b : a))
      const [lo, hi] = this.dateRange(f.from, f.to)
      const meta = await this.metaOf(driver, tick)
      let docs = [], scores = []
      const seen = required.length ? await Promise.all(required.map(r => this.postingsOf(r.forms, tick))) : []
      const order = seen.map((_, i) => i).sort((a, b) => seen[a].docs.length - seen[b].docs.length)
      const kinds = f.kinds && f.kinds.length ? new Set(f.kinds) : null
      const cursor = order.map(() => 0)
      let briefing = 0
      for (let i = 0; i < meta.docs.length; i++) {
        const doc = meta.docs[i]
        if (doc < lo || doc >= hi || doc >= this.turnsEnd) continue
        while (this.start[briefing + 1] <= doc) briefing++
        if (this.start[briefing] === doc) continue               /* the page's own entry: not a turn */
        if (kinds && !kinds.has(this.kindOf[briefing])) continue
        if (!this.accepts(meta.codes[i], meta.sets[i], f)) continue
        let score = 0, ok = true
        for (let k = 0; k < order.length && ok; k++) {
          const list = seen[order[k]]
          let c = cursor[k]
          while (c < list.docs.length && list.docs[c] < doc) c++
          cursor[k] = c
          if (c < list.docs.length && list.docs[c] === doc) score += list.weights[c]
          else ok = false
        }
        if (!ok) continue
        docs.push(i)
        scores.push(score)
        if ((i & 4095) === 0) await tick()
      }
      let keep = docs.map(i => meta.docs[i])
      if (f.topics && f.topics.length) {
        const sets = await this.topicSets([...new Set(docs.map(i => meta.sets[i]))])
        const wanted = new Set(f.topics)
        const ok = new Map([...new Set(docs.map(i => meta.sets[i]))].map((s, k) => [s, sets[k].some(t => wanted.has(t))]))
        const kept = docs.map((i, k) => ok.get(meta.sets[i]) ? k : -1).filter(k => k >= 0)
        docs = kept.map(k => docs[k])
        scores = kept.map(k => scores[k])
        keep = docs.map(i => meta.docs[i])
      }
      let alive = keep.map(() => true)
      for (let p = 0; p < query.phrases.length; p++) {
        const hits = await this.phraseHits(query.phrases[p].terms, phraseForms[p], keep, tick)
        alive = alive.map((a, i) => a && hits.has(keep[i]))
      }
      for (const ex of query.exclude || []) {
        const gone = await this.excluded(ex.terms, keep, tick)
        alive = alive.map((a, i) => a && !gone.has(keep[i]))
      }
      const picked = alive.map((a, i) => (a ? i : -1)).filter(i => i >= 0)
      result.docs = Int32Array.from(picked.map(i => keep[i]))
      result.scores = Float32Array.from(picked.map(i => scores[i]))
      result.codes = Int32Array.from(picked.map(i => meta.codes[docs[i]]))
      result.sets = Int32Array.from(picked.map(i => meta.sets[docs[i]]))
      return result
    }

    accepts(code, set, f) {
      const question = code & 1
      if (f.question !== undefined && !!question !== f.question) return false
      const who = (code >> 1) - 1
      if (f.who && f.who.length && !f.who.includes(who)) return false
      if (f.asked && f.asked.length && !(question && f.asked.includes(who))) return false
      if (f.outlets && f.outlets.length && (who < 0 || !f.outlets.includes(this.whos[who].outlet))) return false
      return true
    }

    /* The filters' own terms (identities, outlets, topics, kinds, years, questions), a group per filter:
     * each group's forms; `alone` (no words) adds years for `role:answer` alone */
    async filterGroups(f, alone) {
      const groups = []
      for (const key of ["who", "asked"])
        if (f[key] && f[key].length) groups.push([...new Set(f[key].map(n => `@p:${this.whos[n].id}`))])
      if (f.outlets && f.outlets.length) groups.push(f.outlets.map(o => `@o:${o}`))
      if (f.topics && f.topics.length) groups.push(f.topics.map(t => `@t:${this.topics[t].id}`))
      if (f.kinds && f.kinds.length) groups.push(f.kinds.map(k => `@k:${this.kinds[k - 1].id}`))
      if (f.question === true) groups.push(["@q"])
      if (f.from || f.to) {
        const first = f.from ? +f.from.slice(0, 4) : Q.isoDay(this.day[0] ?? 0).slice(0, 4)
        const last = f.to ? +f.to.slice(0, 4) : Q.isoDay(this.day[this.day.length - 1] ?? 0).slice(0, 4)
        const years = []
        for (let y = +first; y <= +last && years.length < 400; y++) years.push(`@y:${y}`)
        groups.push(years)
      }
      if (!groups.length && alone && f.question === false) {
        const years = new Set(Array.from(this.day, d => `@y:${Q.isoDay(d).slice(0, 4)}`))
        groups.push([...years])
      }
      const out = []
      for (const terms of groups) {
        const infos = (await Promise.all(terms.map(t => this.term(t)))).filter(Boolean)
        out.push(infos.map(i => ({ ...i, weight: 1 })))
      }
      return out
    }

    /* Entries of `docs` (sorted) where the phrase stands: its words at consecutive places */
    async phraseHits(terms, forms, docs, tick) {
      const wanted = new Set(docs)
      const places = []
      for (const [k, term] of terms.entries()) {
        if (term === null) continue
        const map = new Map()
        for (const form of forms.shift() || []) await this.placesOf(form, wanted, map, tick)
        places.push([k, map])
      }
      const hits = new Set()
      const [k0, first] = places[0]
      for (const [doc, starts] of first) {
        if (starts.some(p => places.every(([k, map]) => (map.get(doc) || EMPTY).includes(p - k0 + k)))) hits.add(doc)
      }
      return hits
    }

    /* The places of a form in each entry of `wanted` */
    async placesOf(form, wanted, into, tick) {
      const [ids, pos] = await Promise.all([this.ids(form), this.positions(form)])
      const read = reader(pos)
      postings(ids, doc => {
        const head = read()
        if (!head) return                                      /* in the title (the speaker) only */
        const more = head & 1 ? read() : 0
        if (!wanted.has(doc)) {
          for (let k = 0; k < more; k++) read()
          return
        }
        const list = [(head >> 1) - 1]
        for (let k = 0; k < more; k++) list.push(list[list.length - 1] + read())
        into.set(doc, list)
      })
      await tick()
    }

    /* Entries of `docs` holding an excluded word (any form) or phrase */
    async excluded(terms, docs, tick) {
      const gone = new Set()
      if (terms.length === 1) {
        const wanted = new Set(docs)
        for (const form of await this.forms(terms[0], "stem")) postings(await this.ids(form), doc => { if (wanted.has(doc)) gone.add(doc) })
        return gone
      }
      const forms = []
      for (const term of terms) if (term !== null) forms.push(await this.forms(term, "exact"))
      if (forms.some(f => !f.length)) return gone
      return this.phraseHits(terms, forms, docs, tick)
    }

    /* ------------------------------------------------------------ facets */

    /* Counts over a result set: identities (asked and answered apart), outlets, topics, kinds, years,
     * and hits per month */
    async facets(result) {
      const whoCount = new Int32Array(this.whos.length)
      const monthCount = new Map(), kindCount = new Map(), setCount = new Map()
      const seen = new Set()
      let briefing = 0
      for (let i = 0; i < result.docs.length; i++) {
        const doc = result.docs[i]
        while (this.start[briefing + 1] <= doc) briefing++
        seen.add(briefing)
        const code = result.codes[i]
        if (code >> 1) whoCount[(code >> 1) - 1]++
        setCount.set(result.sets[i], (setCount.get(result.sets[i]) || 0) + 1)
        const month = this.month[briefing]
        monthCount.set(month, (monthCount.get(month) || 0) + 1)
        const kind = this.kindOf[briefing]
        if (kind) kindCount.set(kind, (kindCount.get(kind) || 0) + 1)
      }
      const topics = new Map()
      const numbers = [...setCount.keys()]
      const sets = await this.topicSets(numbers)
      numbers.forEach((n, k) => { for (const t of sets[k]) topics.set(t, (topics.get(t) || 0) + setCount.get(n)) })
      const speakers = new Map(), reporters = new Map(), outlets = new Map()
      whoCount.forEach((count, number) => {
        if (!count) return
        const w = this.whos[number]
        const map = w.question ? reporters : speakers
        const held = map.get(w.id)
        if (held) held.count += count
        else map.set(w.id, { id: w.id, name: w.name, count, page: w.page })
        if (w.outlet) {
          const outlet = outlets.get(w.outlet)
          if (outlet) outlet.count += count
          else outlets.set(w.outlet, { id: w.outlet, name: w.outletName || w.outlet, count })
        }
      })
      const months = {}, years = new Map()
      for (const [month, count] of monthCount) {
        const y = Math.floor(month / 12), key = `${y}-${String(month % 12 + 1).padStart(2, "0")}`
        months[key] = count
        years.set(String(y), (years.get(String(y)) || 0) + count)
      }
      const sorted = items => [...items].sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      return {
        speaker: sorted(speakers.values()), reporter: sorted(reporters.values()), outlet: sorted(outlets.values()),
        topic: sorted([...topics].map(([t, count]) => ({ id: this.topics[t].id, name: this.topics[t].name, count }))),
        kind: sorted([...kindCount].map(([k, count]) => ({ id: this.kinds[k - 1].id, name: this.kinds[k - 1].name, count }))),
        year: [...years].sort().reverse().map(([y, count]) => ({ id: y, name: y, count })),
        months, briefings: seen.size
      }
    }

    /* The result order: relevance (score, then newest), newest (briefing, newest first, turns in page
     * order) or oldest */
    order(result, sort) {
      const n = result.docs.length
      if (sort === "oldest") return Array.from({ length: n }, (_, i) => i)
      const keys = new Float64Array(n)
      if (sort === "newest") {
        let briefing = 0
        for (let i = 0; i < n; i++) {
          while (this.start[briefing + 1] <= result.docs[i]) briefing++
          keys[i] = -briefing                              /* newest briefing first, its turns in order */
        }
        return Array.from(sortedBy(keys))
      }
      for (let i = 0; i < n; i++) keys[n - 1 - i] = -Math.round(result.scores[i] * 1e4)   /* ties: newest first */
      return Array.from(sortedBy(keys), j => n - 1 - j)
    }

    /* A result turn as the page shows it and an export writes it */
    describe(doc, stored, page, codeAndSet) {
      const briefing = this.briefingOf(doc)
      const [anchor, heading, text, name, role, flags, cited] = stored
      const [location, title, , host, place, basis] = page
      const code = codeAndSet ? codeAndSet[0] : 0
      const who = code >> 1 ? this.whos[(code >> 1) - 1] : null
      return {
        doc, briefing, date: this.iso(briefing), title, location, anchor: anchor.slice(1), heading, text,
        name, role, question: !!(flags & 1), interpreted: !!(flags & 2), host, place, basis, cited,
        kind: this.kindOf[briefing] ? this.kinds[this.kindOf[briefing] - 1].name : "",
        who: who ? who.id : "", outlet: who ? who.outlet : "", outletName: who ? who.outletName : ""
      }
    }
  }

  /* ------------------------------------------------------------------------------- plans */

  const NAMES = { speaker: "speaker", reporter: "reporter", outlet: "outlet", topic: "topic", kind: "kind of briefing" }

  /* The names a filter is matched against: `{id, name, count}` each */
  function choices(index, field) {
    if (!index.choiceCache) index.choiceCache = {}
    if (index.choiceCache[field]) return index.choiceCache[field]
    const grouped = (whos, key, name) => {
      const map = new Map()
      for (const w of whos) {
        const id = w[key]
        if (!id) continue
        const held = map.get(id)
        if (held) held.count += w.count
        else map.set(id, { id, name: w[name], count: w.count })
      }
      return [...map.values()]
    }
    const list = {
      speaker: () => grouped(index.whos.filter(w => !w.question), "id", "name"),
      reporter: () => grouped(index.whos.filter(w => w.question), "id", "name"),
      outlet: () => grouped(index.whos, "outlet", "outletName"),
      topic: () => index.topics.map(t => ({ ...t })),
      kind: () => index.kinds.map(k => ({ ...k, count: 0 }))
    }[field]()
    index.choiceCache[field] = list
    return list
  }

  /* A search page state (archive-search-query.js `fromParams`) made into the engine's query: the
   * filters typed in `q` (`speaker:psaki`) become the state's own (ids), names and dates are checked.
   * Returns `{state, query, problems, hints}`; `state.q` keeps only words and phrases. */
  function plan(index, given) {
    const state = JSON.parse(JSON.stringify(given))
    const problems = [...(state.problems || [])]
    const hints = []
    const parsed = Q.parseQuery(state.q)
    problems.push(...parsed.problems)
    for (const field of parsed.fields) {
      if (field.negated) {
        problems.push({ kind: "negated", text: `“-${field.name}:${field.value}”: a filter cannot be negated; it was left out` })
        continue
      }
      if (field.name === "from" || field.name === "to") {
        const date = Q.parseDate(field.value, field.name)
        if (date.error) problems.push({ kind: "date", field: field.name, value: field.value, text: date.error })
        else state[field.name] = field.value
        continue
      }
      if (field.name === "role") {
        const role = field.value.toLowerCase().replace(/s$/, "")
        if (Q.ROLES.includes(role)) state.role = role
        else problems.push({ kind: "value", field: "role", value: field.value,
          text: `“role:${field.value}”: write role:question or role:answer` })
        continue
      }
      let found = Q.resolve(field.value, choices(index, field.name))
      if (!found.ids.length && field.name === "speaker") {
        const asked = Q.resolve(field.value, choices(index, "reporter"))
        if (asked.ids.length) found = asked
      }
      if (found.ids.length) {
        for (const id of found.ids) if (!state[field.name].includes(id)) state[field.name].push(id)
        if (found.also && found.also.length)
          hints.push({ kind: "also", field: field.name, value: field.value, items: found.also })
      } else problems.push({ kind: "unknown", field: field.name, value: field.value, suggestions: found.suggestions,
        text: `No ${NAMES[field.name]} matches “${field.value}”` })
    }
    state.problems = []
    Q.checkRange(state)
    problems.push(...state.problems)
    delete state.problems
    for (const field of Q.LISTS) {
      const known = new Map(choices(index, field).map(c => [c.id, c]))
      state[field] = state[field].filter(id => {
        if (known.has(id)) return true
        problems.push({ kind: "unknown", field, value: id, suggestions: Q.nearest(id.replace(/-/g, " "), choices(index, field)),
          text: `No ${NAMES[field]} has the id “${id}”` })
        return false
      })
    }
    state.q = Q.unparse(parsed)
    const number = (list, test) => list.map((w, n) => (test(w) ? n : -1)).filter(n => n >= 0)
    const filters = {
      who: state.speaker.length ? number(index.whos, w => state.speaker.includes(w.id)) : [],
      asked: state.reporter.length ? number(index.whos, w => w.question && state.reporter.includes(w.id)) : [],
      outlets: state.outlet, topics: number(index.topics, t => state.topic.includes(t.id)),
      kinds: number(index.kinds, k => state.kind.includes(k.id)).map(n => n + 1),
      question: state.role ? state.role === "question" : undefined,
      from: state.from ? Q.parseDate(state.from, "from").date : "", to: state.to ? Q.parseDate(state.to, "to").date : ""
    }
    const words = parsed.words.filter(w => !w.stop)
    if (!words.length && parsed.words.length && !parsed.phrases.length)
      problems.push({ kind: "stop", text: `Only common words (${parsed.words.map(w => w.raw).join(", ")}): ` +
        "they are not indexed; add a more particular word" })
    return { state, problems, hints, query: { words, phrases: parsed.phrases, exclude: parsed.exclude, filters } }
  }

  const EMPTY = []

  function df(forms) {
    return forms.reduce((n, f) => n + f.df, 0)
  }

  /* Entries sorted, one weight each (the best when several forms hold the entry) */
  function merged(docs, weights) {
    const order = sortedBy(Float64Array.from(docs, (d, i) => d * 2 ** 20 - Math.min(2 ** 20 - 1, Math.round(weights[i] * 1e4))))
    const outDocs = [], outWeights = []
    for (const i of order) {
      if (outDocs.length && outDocs[outDocs.length - 1] === docs[i]) continue
      outDocs.push(docs[i])
      outWeights.push(weights[i])
    }
    return { docs: Int32Array.from(outDocs), weights: Float32Array.from(outWeights) }
  }

  /* Positions `0…n−1` ordered by `keys` ascending (ties by position), with the engine's native sort */
  function sortedBy(keys) {
    const n = keys.length
    if (n < 2) return Int32Array.from({ length: n }, (_, i) => i)
    const packed = new Float64Array(n)
    const spread = 2 ** Math.ceil(Math.log2(n + 1))
    let exact = true
    for (let i = 0; i < n; i++) {
      packed[i] = keys[i] * spread + i
      if (!Number.isSafeInteger(packed[i])) exact = false
    }
    if (!exact) return Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b)
    packed.sort()
    const out = new Int32Array(n)
    for (let i = 0; i < n; i++) out[i] = ((packed[i] % spread) + spread) % spread
    return out
  }

  /* Sorted numbers in runs whose span is at most `span` */
  function runs(numbers, span) {
    const out = []
    for (const n of [...numbers].sort((a, b) => a - b)) {
      const last = out[out.length - 1]
      if (last && n - last[0] < span) last.push(n)
      else out.push([n])
    }
    return out
  }

  function lowerBound(array, value) {
    let lo = 0, hi = array.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (array[mid] < value) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  function upperBound(array, value) {
    let lo = 0, hi = array.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (array[mid] <= value) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  const api = { Index, httpSource, scriptSource, folderSource, plan, choices, varints, postings, countPostings, ticker, pause }
  if (typeof module === "object" && module.exports) module.exports = api
  else root.ArchiveSearch = api
})(typeof self === "object" ? self : this)
