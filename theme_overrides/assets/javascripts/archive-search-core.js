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
  const BLOCKS_BUDGET = 8192    /* bytes between them that a page's offsets in blocks.bin (8 bytes a block) may be
                                 * read with: a few requests of a few KB come sooner than a dozen queued ones */
  const BATCH = 64              /* text blocks asked for at once (an export asks for thousands) */

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

  /* The manifest and the lists as the search page's first lines started loading them, before its
   * scripts came (generator/site/search_page.py): a promise, taken once, or undefined */
  function early(name) {
    const started = root.__archiveSearchEarly
    const promise = started && started[name]
    if (promise) delete started[name]
    return promise
  }

  /* Over HTTP: small files whole, the rest by Range requests into the packs. Each range has an address
   * of its own (`&r=offset-end`): requests for one address wait for each other in the browser's cache,
   * so a query's pieces of one pack would load one after another. A server that ignores Range (a static
   * host honours it; a bare `python -m http.server` does not) sends the whole file, which is kept: once
   * the first answer has said so, as the index opens (`probe()`), every piece is cut from the files
   * kept (before that, requests already sent may each bring their file whole). Pieces
   * asked for in one turn of the event loop are read together: those of one file at most GAP bytes
   * apart (in blocks.bin, whose pieces are 8 bytes, see `joins`) in one request, the requests in the
   * order asked (the first result's text first). */
  function httpSource(base) {
    const whole = new Map()
    let version = ""
    let probe = null
    let asked = []
    function bytes(file, offset, length) {
      return new Promise((resolve, reject) => {
        if (!asked.length) queueMicrotask(flush)
        asked.push({ file, offset, length, resolve, reject, order: asked.length })
      })
    }
    function flush() {
      const asks = asked.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.offset - b.offset))
      asked = []
      const joined = joins(asks)
      const reads = []
      for (const [i, ask] of asks.entries()) {
        const last = reads[reads.length - 1]
        if (i && joined[i - 1]) {
          last.asks.push(ask)
          last.end = Math.max(last.end, ask.offset + ask.length)
          last.order = Math.min(last.order, ask.order)
        } else reads.push({ file: ask.file, start: ask.offset, end: ask.offset + ask.length, order: ask.order, asks: [ask] })
      }
      for (const r of reads.sort((a, b) => a.order - b.order)) {
        read(r.file, r.start, r.end - r.start).then(
          data => {
            for (const a of r.asks.sort((x, y) => x.order - y.order)) a.resolve(data.subarray(a.offset - r.start, a.offset - r.start + a.length))
          },
          error => { for (const a of r.asks) a.reject(error) })
      }
    }
    /* Per ask (sorted by file and offset), whether the next one is read with it: pieces of a pack at most GAP
     * apart; in blocks.bin, the closest neighbours first while the bytes read between them stay within
     * BLOCKS_BUDGET (a page of results asks for a dozen offsets there at once, scattered over the file) */
    function joins(asks) {
      let end = 0
      const gaps = asks.slice(1).map((next, i) => {
        const ask = asks[i]
        end = i && asks[i - 1].file === ask.file ? Math.max(end, ask.offset + ask.length) : ask.offset + ask.length
        return next.file === ask.file ? next.offset - end : Infinity
      })
      const joined = gaps.map((gap, i) => gap <= 0 || (gap <= GAP && asks[i].file !== "blocks.bin"))
      let spent = 0
      for (const i of gaps.map((_, i) => i).filter(i => !joined[i] && asks[i].file === "blocks.bin")
        .sort((a, b) => gaps[a] - gaps[b])) {
        if (spent + gaps[i] > BLOCKS_BUDGET) break
        spent += gaps[i]
        joined[i] = true
      }
      return joined
    }
    async function read(file, offset, length) {
      if (whole.has(file)) return (await whole.get(file)).subarray(offset, offset + length)
      const end = offset + length - 1
      const request = fetch(new URL(`${file}?v=${version}&r=${offset}-${end}`, base).href, { headers: { Range: `bytes=${offset}-${end}` } })
        .then(async response => {
          if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`)
          const data = new Uint8Array(await response.arrayBuffer())
          if (response.status === 206) return data
          whole.set(file, Promise.resolve(data))   /* no Range support: the whole file came, keep it */
          return data.subarray(offset, offset + length)
        })
      return request
    }
    function probeRanges() {
      if (!probe) probe = bytes("blocks.bin", 0, 4).catch(() => {})
    }
    return {
      mode: "http",
      async file(name) {
        const text = await (early(name) || fetch(new URL(`${name}.js`, base).href, { cache: name === "manifest" ? "no-cache" : "default" })
          .then(response => {
            if (!response.ok) throw new Error(`${name}.js: HTTP ${response.status}`)
            return response.text()
          }))
        const data = unwrap(text)
        if (name === "manifest") version = data.version
        return data
      },
      async blob(name, prefix, [pack, offset, length]) {
        return inflate(await bytes(`${prefix}${pack}.bin`, offset, length))
      },
      bytes,
      probe: probeRanges,
      inflate
    }
  }

  /* A text block's entries, or a blob of the packs, from its zlib bytes, decoded here and now: a block is a
   * couple of KB, which this reads in a fraction of a millisecond (a common word's postings, a few hundred
   * KB, in a few), where a DecompressionStream takes several turns of the event loop (and twenty side by
   * side all finish together, the first result's as late as the last's) */
  async function inflate(data, dictionary) {
    return JSON.parse(new TextDecoder().decode(unzlib(data, dictionary)))
  }

  /* ------------------------------------------------------------------------------ inflate */

  /* zlib (RFC 1950) around DEFLATE (RFC 1951): the header is skipped (and the preset dictionary's id when it
   * says there is one), the checksum not checked; `dictionary` (bytes) is what the data's matches may reach
   * back into before its first byte */
  const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
  const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
  const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
    4097, 6145, 8193, 12289, 16385, 24577]
  const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
  const CODE_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

  /* A canonical Huffman code from code lengths, as a table read with the next `bits` bits of the stream
   * (least significant first): entry `symbol << 4 | code length`, 0 where no code starts so */
  function huffman(lengths) {
    const counts = new Uint16Array(16), next = new Uint16Array(16)
    let bits = 0
    for (const length of lengths) {
      counts[length]++
      if (length > bits) bits = length
    }
    counts[0] = 0
    for (let length = 1, code = 0; length < 16; length++) next[length] = code = (code + counts[length - 1]) << 1
    const table = new Int32Array(1 << bits)
    for (let symbol = 0; symbol < lengths.length; symbol++) {
      const length = lengths[symbol]
      if (!length) continue
      let code = next[length]++, reversed = 0
      for (let i = 0; i < length; i++, code >>= 1) reversed = reversed << 1 | code & 1
      for (let k = reversed; k < table.length; k += 1 << length) table[k] = symbol << 4 | length
    }
    return { table, bits }
  }

  let FIXED = null

  function unzlib(data, dictionary) {
    const preset = dictionary ? dictionary.length : 0
    let pos = data[1] & 0x20 ? 6 : 2, buffer = 0, count = 0
    let out = new Uint8Array(Math.max(1024, preset + data.length * 4)), n = preset
    if (preset) out.set(dictionary)
    const fill = need => {              /* past the end, zeros: a code may be shorter than the bits looked at */
      while (count < need) {
        if (pos >= data.length + 4) throw new Error("inflate: the data ends early")
        buffer |= (pos < data.length ? data[pos] : 0) << count
        pos++
        count += 8
      }
    }
    const taken = need => {
      buffer >>>= need
      count -= need
      if (pos * 8 - count > data.length * 8) throw new Error("inflate: the data ends early")
    }
    const bits = need => {
      fill(need)
      const value = buffer & ((1 << need) - 1)
      taken(need)
      return value
    }
    const symbol = code => {
      fill(code.bits)
      const entry = code.table[buffer & ((1 << code.bits) - 1)]
      if (!entry) throw new Error("inflate: a bad code")
      taken(entry & 15)
      return entry >> 4
    }
    const room = more => {
      if (n + more <= out.length) return
      const bigger = new Uint8Array(Math.max(out.length * 2, n + more))
      bigger.set(out)
      out = bigger
    }
    let last = 0
    while (!last) {
      last = bits(1)
      const type = bits(2)
      if (type === 0) {                                   /* stored: byte-aligned, its length, the bytes */
        pos -= count >> 3                                 /* whole bytes looked at ahead go back */
        buffer = count = 0
        const length = data[pos] | data[pos + 1] << 8
        pos += 4
        room(length)
        out.set(data.subarray(pos, pos + length), n)
        n += length
        pos += length
        continue
      }
      if (type === 3) throw new Error("inflate: a bad block")
      let literals, distances
      if (type === 1) {
        if (!FIXED) {
          const lengths = new Uint8Array(288).fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280)
          FIXED = [huffman(lengths), huffman(new Uint8Array(30).fill(5))]
        }
        [literals, distances] = FIXED
      } else {
        const many = bits(5) + 257, far = bits(5) + 1, codes = bits(4) + 4
        const lengthsOfCodes = new Uint8Array(19)
        for (let i = 0; i < codes; i++) lengthsOfCodes[CODE_ORDER[i]] = bits(3)
        const code = huffman(lengthsOfCodes)
        const lengths = new Uint8Array(many + far)
        for (let i = 0; i < many + far;) {
          const sym = symbol(code)
          if (sym < 16) {
            lengths[i++] = sym
            continue
          }
          const value = sym === 16 ? lengths[i - 1] : 0
          let repeat = sym === 16 ? 3 + bits(2) : sym === 17 ? 3 + bits(3) : 11 + bits(7)
          while (repeat--) lengths[i++] = value
        }
        literals = huffman(lengths.subarray(0, many))
        distances = huffman(lengths.subarray(many))
      }
      for (;;) {
        const sym = symbol(literals)
        if (sym < 256) {
          room(1)
          out[n++] = sym
        } else if (sym === 256) break
        else {
          const length = LENGTH_BASE[sym - 257] + bits(LENGTH_EXTRA[sym - 257])
          const d = symbol(distances)
          const back = DIST_BASE[d] + bits(DIST_EXTRA[d])
          room(length)
          for (let k = 0; k < length; k++, n++) out[n] = out[n - back]
        }
      }
    }
    return out.subarray(preset, n)
  }

  /* From file://: pieces in scripts `__archiveSearch("name",…)` (the offline bundle), a few to a file: the
   * blobs starting in one window of a pack (`<pack file>-<window>.js`), text blocks `script_blocks` to a
   * file (`t<k>.js` holds `d<k × script_blocks>`…), the manifest and the lists in files of their own */
  function scriptSource(base, doc) {
    const before = root.__archiveSearch     /* the page's first lines' (the manifest and the lists) */
    const arrived = new Map()               /* pieces the files loaded defined, until taken */
    const files = new Map()                 /* file → promise: its script has run */
    let layout = null                       /* the manifest, once the index has opened (`opened`) */
    root.__archiveSearch = (name, data) => {
      if (before && (name === "manifest" || name === "lists") && !files.has(name)) before(name, data)
      else arrived.set(name, data)
    }
    function run(file) {
      if (!files.has(file)) {
        files.set(file, new Promise((resolve, reject) => {
          const el = doc.createElement("script")
          el.src = new URL(`${file}.js`, base).href
          el.onload = () => {
            el.remove()
            resolve()
          }
          el.onerror = () => {
            el.remove()
            files.delete(file)
            reject(new Error(`${file}.js did not load`))
          }
          doc.head.appendChild(el)
        }))
      }
      return files.get(file)
    }
    async function take(name, file) {
      await run(file)
      if (!arrived.has(name)) throw new Error(`${file}.js did not define ${name}`)
      const data = arrived.get(name)
      arrived.delete(name)                  /* the index keeps what it takes (`Index.piece`) */
      return data
    }
    return {
      mode: "script",
      opened: manifest => { layout = manifest },
      file: name => early(name) || take(name, name),
      blob: (name, prefix, [pack, offset]) => take(name, `${prefix}${pack}-${Math.floor(offset / layout.script_window)}`),
      block: n => take(`d${n}`, `t${Math.floor(n / layout.script_blocks)}`)
    }
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
    const inflate = async (data, dictionary) => JSON.parse(zlib.inflateSync(data, dictionary ? { dictionary } : {}).toString("utf8"))
    return {
      mode: "folder",
      file: async name => unwrap(fs.readFileSync(path.join(dir, `${name}.js`), "utf8")),
      blob: async (name, prefix, [pack, offset, length]) => inflate(read(`${prefix}${pack}.bin`, offset, length)),
      bytes: async (file, offset, length) => new Uint8Array(read(file, offset, length)),
      inflate
    }
  }

  /* -------------------------------------------------------------------------------- index */

  class Index {
    constructor(source) {
      this.source = source
      this.loaded = new Map()
      this._dictionary = null
    }

    /* The manifest and the lists: briefings (dates, kinds, entries), identities, topics, kinds */
    async open() {
      const [manifest, lists] = await Promise.all([this.source.file("manifest"), this.source.file("lists")])
      this.manifest = manifest
      this.lists = lists
      if (this.source.probe) this.source.probe()
      if (this.source.opened) this.source.opened(manifest)
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
      const from = this.shardOf(prefix)
      for (let n = from; n <= Math.min(this.shardOf(prefix + "\uffff"), from + 3); n++) this.shardPart(n, 0).catch(() => {})
      for (let n = from; n < this.shards.length; n++) {
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
      const lists = []
      for (let f = 0; f < forms.length; f++) {
        const docs = new Int32Array(countPostings(datas[f])), weights = new Float32Array(docs.length)
        const weight = this.idf(forms[f].df) * forms[f].weight / this.manifest.levels
        let k = 0
        postings(datas[f], (doc, level) => {
          docs[k] = doc
          weights[k++] = weight * level
        })
        lists.push({ docs, weights })
        await tick()
      }
      return lists.length ? lists.reduce(merged) : { docs: new Int32Array(0), weights: new Float32Array(0) }
    }

    /* ------------------------------------------------------------ facets */

    /* Facets `(who × 2 + question, topic set)` of the forms' entries, in entry order: each term's postings'
     * (over HTTP), or every entry's, read once (the offline bundle's `entry_facets`) */
    async metaOf(forms, tick) {
      const table = this.manifest.entry_facets ? await this.entryFacets() : null
      const parts = await Promise.all(forms.map(form => Promise.all([this.ids(form), table ? "" : this.meta(form)])))
      const lists = []
      for (const [ids, meta] of parts) {
        const n = countPostings(ids)
        const docs = new Int32Array(n), codes = new Int32Array(n), sets = new Int32Array(n)
        let k = 0
        postings(ids, doc => { docs[k++] = doc })
        if (table) {
          for (let i = 0; i < n; i++) {
            codes[i] = table.codes[docs[i]]
            sets[i] = table.sets[docs[i]]
          }
        } else {
          const next = reader(meta)                           /* two columns: every posting's who, then set */
          for (let i = 0; i < n; i++) codes[i] = next()
          for (let i = 0; i < n; i++) sets[i] = next()
        }
        lists.push({ docs, codes, sets })
        await tick()
      }
      return lists.length ? lists.reduce(united) : { docs: new Int32Array(0), codes: new Int32Array(0), sets: new Int32Array(0) }
    }

    /* Every entry's facets, from `facets<k>.js` (`[entries per file, files]`: each file, its entries' who, then
     * their topic sets) */
    entryFacets() {
      return this.piece("facets", async () => {
        const [size, files] = this.manifest.entry_facets
        const codes = new Int32Array(this.entries), sets = new Int32Array(this.entries)
        const datas = await Promise.all(Array.from({ length: files }, (_, k) => this.source.file(`facets${k}`)))
        datas.forEach((data, k) => {
          const start = k * size, n = Math.min(size, this.entries - start), next = reader(data)
          for (let i = 0; i < n; i++) codes[start + i] = next()
          for (let i = 0; i < n; i++) sets[start + i] = next()
        })
        return { codes, sets }
      })
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
      for (let i = 0; i < blocks.length; i += BATCH) {
        const batch = blocks.slice(i, i + BATCH)
        if (this.source.mode !== "script") await this.readBlocks(batch)
        await Promise.all(batch.map(keep))
      }
      return out
    }

    /* The stored entry of each of `docs`, a promise each (in order): their blocks all asked for at once,
     * a page of results can be drawn as they come */
    storedEach(docs) {
      const size = this.manifest.block
      const blocks = [...new Set(docs.map(d => Math.floor(d / size)))]    /* the first result's first */
      if (this.source.mode !== "script") this.readBlocks(blocks).catch(() => {})
      return docs.map(doc => this.block(Math.floor(doc / size)).then(entries => entries[doc % size]))
    }

    /* The text blocks' preset dictionary (the first `manifest.dictionary` bytes of text0.bin), read once */
    dictionary() {
      const length = this.manifest.dictionary || 0
      if (!length) return Promise.resolve(null)
      if (!this._dictionary) {
        this._dictionary = this.source.bytes("text0.bin", 0, length)
        this._dictionary.catch(() => { this._dictionary = null })
      }
      return this._dictionary
    }

    async block(n) {
      if (this.source.mode === "script") return this.piece(`d${n}`, () => this.source.block(n).then(withPages))
      if (!this.loaded.has(`d${n}`)) await this.readBlocks([n])
      return this.loaded.get(`d${n}`)
    }

    /* Text blocks by Range, each as soon as it can: its offsets from blocks.bin, then its compressed
     * bytes (the source reads nearby pieces asked for together in one request), in the order given */
    readBlocks(numbers) {
      const packs = this.manifest.text
      return Promise.all(numbers.filter(n => !this.loaded.has(`d${n}`)).map(n => {
        const promise = (async () => {
          const [data, dictionary] = await Promise.all([this.source.bytes("blocks.bin", n * 4, 8), this.dictionary()])
          const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
          const start = view.getUint32(0, true), end = view.getUint32(4, true)
          const pack = upperBound(packs, start) - 1
          return withPages(await this.source.inflate(await this.source.bytes(`text${pack}.bin`, start - packs[pack], end - start), dictionary))
        })()
        promise.catch(() => this.loaded.delete(`d${n}`))
        this.loaded.set(`d${n}`, promise)
        return promise
      }))
    }

    /* ------------------------------------------------------------ search */

    /* Every turn matching `query`: `{docs (entry order), scores, codes, sets, found, problems, counts}`.
     * `query`: `{words: [{term}], phrases: [{terms}], exclude: [{terms}], mode, filters: {who: [numbers],
     * question (true/false/undefined), outlets: [ids], topics: [numbers], kinds: [numbers], from, to}}`. */
    async search(query, check) {
      const tick = ticker(check)
      const f = query.filters || {}
      const result = { docs: new Int32Array(0), scores: null, codes: null, sets: null, found: new Set(), counts: [], total: 0 }
      const required = []
      const [wordForms, phraseForms, groups] = await Promise.all([
        Promise.all(query.words.map(word => this.forms(word.term, query.mode || "stem"))),
        Promise.all(query.phrases.map(phrase => Promise.all(phrase.terms.filter(t => t !== null).map(term => this.forms(term, "exact"))))),
        this.filterGroups(f, !query.words.length && !query.phrases.some(p => p.terms.some(t => t !== null)))
      ])
      query.words.forEach((word, i) => required.push({ label: word.raw || word.term, forms: wordForms[i] }))
      query.phrases.forEach((phrase, p) => phraseForms[p].forEach((fs, i) =>
        required.push({ label: phrase.terms.filter(Boolean)[i], forms: fs, phrase: true })))
      if (check) check()
      result.counts = required.map(r => ({ label: r.label, df: r.forms.reduce((n, form) => n + form.df, 0) }))
      for (const r of required) if (!r.phrase) for (const form of r.forms) result.found.add(form.term)
      if (required.some(r => !r.forms.length)) return result
      const known = await this.heavy(query, f, groups, wordForms)
      if (known) return Object.assign(result, known)

      /* the driver, whose facets are read: the smallest of the words and of the filters' own terms */
      const candidates = [...required.map(r => r.forms), ...groups]
      if (!candidates.length) return result
      const driver = candidates.reduce((a, b) => (df(b) < df(a) ? b : a))
      const [lo, hi] = this.dateRange(f.from, f.to)
      for (const forms of phraseForms.flat()) for (const form of forms) this.positions(form).catch(() => {})  /* loading meanwhile */
      const [meta, seen] = await Promise.all([this.metaOf(driver, tick), Promise.all(required.map(r => this.postingsOf(r.forms, tick)))])
      let docs = [], scores = []
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
        const hits = await this.phraseHits(query.phrases[p].terms, phraseForms[p], keep, tick, query.phrases[p].loose)
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
      result.total = result.docs.length
      return result
    }

    /* When no turn holds every word of `query` (a question typed as a sentence: `what did psaki say about
     * inflation being transitory in 2021`), the turns that hold all but one of its words, else all but two (up to
     * six words): of the ways to leave words out that find turns, the one leaving out the commonest (the most
     * turns hold them, `counts` being `search`'s), a word no turn holds first. Phrases, exclusions and filters
     * stay. `{result, query, dropped}` (the words left out, as typed), or null when nothing is found so. */
    async relaxed(query, counts, check) {
      const words = query.words
      if (words.length < 2 || words.length > 8) return null   /* a long list of words: no relaxing search by search */
      const df = i => (counts[i] ? counts[i].df : 0)
      for (const drop of [1, 2]) {
        if (words.length - drop < 1 || (drop === 2 && words.length > 6)) break
        const ways = []
        for (let a = 0; a < words.length; a++) {
          if (drop === 1) ways.push([a])
          else for (let b = a + 1; b < words.length; b++) ways.push([a, b])
        }
        /* the most turns hold the words left out first: an unknown word (none) before all */
        const rank = way => way.reduce((n, i) => n + (df(i) ? df(i) : Infinity), 0)
        ways.sort((x, y) => rank(y) - rank(x) || x[0] - y[0])
        for (const way of ways) {
          const kept = { ...query, words: words.filter((_, i) => !way.includes(i)) }
          const result = await this.search(kept, check)
          if (result.total) return { result, query: kept, dropped: way.map(i => words[i].raw || words[i].term) }
        }
      }
      return null
    }

    /* The answer the build made for a heavy word typed alone (generator/site/search_heavy.py): its counts and
     * facets, and the turns of the first `first` results in any order (`partial`), when it is the answer this
     * page would compute: the same forms, and every posting's ranking key the same; else null. `query.whole`
     * asks for every result (a later page, an export). */
    async heavy(query, f, groups, wordForms) {
      const word = query.words.length === 1 ? query.words[0].term : ""
      const location = word && this.manifest.heavy && Object.hasOwn(this.manifest.heavy, word) ? this.manifest.heavy[word] : null
      if (!location || query.whole || groups.length || query.phrases.length || (query.exclude || []).length ||
          (query.mode || "stem") !== "stem" || f.question !== undefined) return null
      const [number, ...at] = location
      const data = await this.piece(`h${number}`, () => this.source.blob(`h${number}`, "terms", at))
      const mine = new Map(wordForms[0].map(form => [form.term, form]))
      if (data.forms.length !== mine.size || data.forms.some(([term, weight]) => !mine.has(term) || mine.get(term).weight !== weight)) return null
      const levels = this.manifest.levels, one = new Float32Array(1)
      const weights = data.forms.map(([term, weight]) => this.idf(mine.get(term).df) * weight / levels)
      for (let k = 0; k < weights.length; k++)
        for (let level = 1; level <= levels; level++) {
          one[0] = weights[k] * level                          /* as postingsOf keeps it */
          if (Math.round(one[0] * 1e4) !== data.keys[k][level - 1]) return null
        }
      const n = data.picks.length
      const docs = new Int32Array(n), scores = new Float32Array(n)
      for (let i = 0, doc = 0; i < n; i++) {
        docs[i] = doc += data.docs[i]
        scores[i] = weights[data.picks[i] >> 3] * (data.picks[i] & 7)
      }
      const counted = pairs => {
        const out = new Map()
        for (let i = 0; i < pairs.length; i += 2) out.set(pairs[i], pairs[i + 1])
        return out
      }
      const who = new Int32Array(this.whos.length)
      for (const [number, count] of counted(data.who)) who[number] = count
      return {
        docs, scores, codes: Int32Array.from(data.codes), sets: Int32Array.from(data.sets), total: data.total,
        partial: true, first: data.first,
        tally: { who, topics: counted(data.topics), months: counted(data.months), kinds: counted(data.kinds), briefings: data.briefings }
      }
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
      return Promise.all(groups.map(async terms =>
        (await Promise.all(terms.map(t => this.term(t)))).filter(Boolean).map(i => ({ ...i, weight: 1 }))))
    }

    /* Entries of `docs` (sorted) where the phrase stands: its words at consecutive places */
    async phraseHits(terms, forms, docs, tick, loose = false) {
      /* `docs` ascending, as the postings are: each term's places are kept by a doc's rank in `docs`, in one
       * flat list, so a phrase over two hundred thousand turns makes no map or set of them */
      const n = docs.length
      const places = []
      const queue = [...forms]
      await Promise.all(queue.flat().flatMap(form => [this.ids(form), this.positions(form)]))
      for (const [k, term] of terms.entries()) {
        if (term === null) continue
        const place = { k, at: new Int32Array(n), count: new Int32Array(n), flat: [], titled: new Uint8Array(n) }
        for (const form of queue.shift() || []) await this.placesOf(form, docs, place, tick)
        places.push(place)
      }
      const hits = new Set()
      const first = places[0]
      for (let w = 0; w < n; w++) {
        /* a name typed as one word (`Jean-Pierre`): a turn whose heading (its speaker) holds all its words */
        if (loose && places.every(place => place.titled[w])) {
          hits.add(docs[w])
          continue
        }
        for (let i = 0; i < first.count[w]; i++) {
          const p = first.flat[first.at[w] + i]
          if (places.every(place => place === first || holds(place, w, p - first.k + place.k))) {
            hits.add(docs[w])
            break
          }
        }
      }
      return hits
    }

    /* The places of a form in each entry of `docs` (ascending), into `place` by the entry's rank: `at` and
     * `count` in `flat`, and `titled` for an entry holding it in its title (a turn's speaker) only */
    async placesOf(form, docs, place, tick) {
      const [ids, pos] = await Promise.all([this.ids(form), this.positions(form)])
      const read = reader(pos)
      const n = docs.length
      let w = 0
      postings(ids, doc => {
        const head = read()
        while (w < n && docs[w] < doc) w++
        const here = w < n && docs[w] === doc
        if (!head) {                                           /* in the title (the speaker) only */
          if (here) place.titled[w] = 1
          return
        }
        const more = head & 1 ? read() : 0
        if (!here) {
          for (let k = 0; k < more; k++) read()
          return
        }
        const list = [(head >> 1) - 1]
        for (let k = 0; k < more; k++) list.push(list[list.length - 1] + read())
        if (place.count[w]) {                                  /* a second form of the word: places merged */
          list.push(...place.flat.slice(place.at[w], place.at[w] + place.count[w]))
          list.sort((a, b) => a - b)
        }
        place.at[w] = place.flat.length
        place.count[w] = list.length
        for (const p of list) place.flat.push(p)
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
      return this.facetsOf(result.tally || await this.tally(result))
    }

    /* A result set's counts by number: `{who (Int32Array), topics, months, kinds (Maps), briefings}` */
    async tally(result) {
      const who = new Int32Array(this.whos.length)
      const months = new Map(), kinds = new Map(), setCount = new Map()
      const seen = new Set()
      let briefing = 0
      for (let i = 0; i < result.docs.length; i++) {
        const doc = result.docs[i]
        while (this.start[briefing + 1] <= doc) briefing++
        seen.add(briefing)
        const code = result.codes[i]
        if (code >> 1) who[(code >> 1) - 1]++
        setCount.set(result.sets[i], (setCount.get(result.sets[i]) || 0) + 1)
        const month = this.month[briefing]
        months.set(month, (months.get(month) || 0) + 1)
        const kind = this.kindOf[briefing]
        if (kind) kinds.set(kind, (kinds.get(kind) || 0) + 1)
      }
      const topics = new Map()
      const numbers = [...setCount.keys()]
      const sets = await this.topicSets(numbers)
      numbers.forEach((n, k) => { for (const t of sets[k]) topics.set(t, (topics.get(t) || 0) + setCount.get(n)) })
      return { who, topics, months, kinds, briefings: seen.size }
    }

    /* The facets of a tally, named and sorted, most turns first */
    facetsOf({ who: whoCount, topics, months: monthCount, kinds: kindCount, briefings }) {
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
        months, briefings
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

    /* A result turn as the page shows it and an export writes it; `page`, the briefing's own entry,
     * only for what the export adds (publisher, place, citation data) */
    describe(doc, stored, page, codeAndSet) {
      const briefing = this.briefingOf(doc)
      const [anchor, heading, text, name, role, flags, cited, location, title] = stored
      const [, , , host, place, basis] = page || []
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

  /* True when the term of `place` stands at `p` in the entry of rank `w` */
  function holds(place, w, p) {
    for (let i = place.at[w], end = i + place.count[w]; i < end; i++) if (place.flat[i] === p) return true
    return false
  }

  /* A text block's entries, each turn with its briefing's address and title (as `describe` reads them):
   * the block's first turn carries them, the others follow the entry before theirs, a turn with a layout
   * having nulls in their place (search_index.py) */
  function withPages(entries) {
    let page = null
    for (const entry of entries) {
      if (!entry[0].startsWith("#")) page = [entry[0], entry[1]]
      else if (entry.length > 7 && entry[7] !== null) page = [entry[7], entry[8]]
      else if (page) [entry[7], entry[8]] = page
    }
    return entries
  }

  function df(forms) {
    return forms.reduce((n, f) => n + f.df, 0)
  }

  /* Two forms' entries (each sorted) as one sorted list, one weight each (the better when both hold the
   * entry), in one pass */
  function merged(a, b) {
    const docs = new Int32Array(a.docs.length + b.docs.length), weights = new Float32Array(docs.length)
    let i = 0, j = 0, k = 0
    while (i < a.docs.length && j < b.docs.length) {
      const x = a.docs[i], y = b.docs[j]
      if (x <= y) {
        docs[k] = x
        weights[k++] = x === y ? Math.max(a.weights[i++], b.weights[j++]) : a.weights[i++]
      } else {
        docs[k] = y
        weights[k++] = b.weights[j++]
      }
    }
    for (; i < a.docs.length; i++, k++) {
      docs[k] = a.docs[i]
      weights[k] = a.weights[i]
    }
    for (; j < b.docs.length; j++, k++) {
      docs[k] = b.docs[j]
      weights[k] = b.weights[j]
    }
    return { docs: docs.subarray(0, k), weights: weights.subarray(0, k) }
  }

  /* Two forms' facets (each in entry order) as one list, an entry once (its facets are the entry's, whichever
   * form holds it) */
  function united(a, b) {
    const n = a.docs.length + b.docs.length
    const docs = new Int32Array(n), codes = new Int32Array(n), sets = new Int32Array(n)
    let i = 0, j = 0, k = 0
    while (i < a.docs.length || j < b.docs.length) {
      const first = j >= b.docs.length || i < a.docs.length && a.docs[i] <= b.docs[j]
      const from = first ? a : b, at = first ? i++ : j++
      if (first && j < b.docs.length && a.docs[at] === b.docs[j]) j++
      docs[k] = from.docs[at]
      codes[k] = from.codes[at]
      sets[k++] = from.sets[at]
    }
    return { docs: docs.subarray(0, k), codes: codes.subarray(0, k), sets: sets.subarray(0, k) }
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

  const api = { Index, httpSource, scriptSource, folderSource, plan, choices, varints, postings, countPostings, ticker, pause, unzlib }
  if (typeof module === "object" && module.exports) module.exports = api
  else root.ArchiveSearch = api
})(typeof self === "object" ? self : globalThis)
