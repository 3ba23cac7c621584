/* The pure part of the archive's search: query syntax, the page's URL state, dates, word folding,
 * highlighting, timeline buckets and exports. No page, no index, no DOM: Node's test runner checks it
 * (tests/js/search-query.test.js). In the browser it is `window.ArchiveQuery`; the search page
 * (archive-search-page.js), the engine (archive-search-core.js) and the header box's worker use it.
 *
 * Words are folded as the index folds them (generator/site/search_index.py, generator/text.py:
 * case, accents, dots and apostrophes) and split at anything not a letter or digit.
 */
(function (root) {
  "use strict"

  const STOP = new Set(("a able about across after all almost also am among an and any are as at be because " +
    "been but by can cannot could dear did do does either else ever every for from get got had has have he " +
    "her hers him his how however i if in into is it its just least let like likely may me might most must " +
    "my neither no nor not of off often on only or other our own rather said say says she should since so " +
    "some than that the their them then there these they this tis to too twas us wants was we were what " +
    "when where which while who whom why will with would yet you your").split(" "))

  const MAX_LENGTH = 1000     /* characters of a query read; the rest is left out, with a message */
  const MAX_TERMS = 32        /* words and phrases searched */
  const FIELDS = ["speaker", "reporter", "outlet", "topic", "kind", "role", "from", "to"]
  const LISTS = ["speaker", "reporter", "outlet", "topic", "kind"]   /* repeatable: any of */
  const SORTS = ["relevance", "newest", "oldest"]
  const ROLES = ["question", "answer"]

  /* ------------------------------------------------------------------------------------ words */

  const WORD = /[\p{L}\p{N}]+/gu
  const RAW_WORD = /[\p{L}\p{N}\p{M}.'’`]+/gu
  const BREAK = /[ \n]/g   /* where a snippet may start or end */

  function fold(text) {
    if (!/^[\x00-\x7f]*$/.test(text)) text = text.normalize("NFKD").replace(/\p{M}+/gu, "")
    return text.toLowerCase().replace(/[.'’`]/g, "")
  }

  function tokens(text) {
    return fold(text).match(WORD) || []
  }

  /* The slug the generator makes of a name (generator/text.py `slugify`, names of 80 characters or less) */
  function slugify(text) {
    text = String(text)
    if (!/^[\x00-\x7f]*$/.test(text)) text = text.normalize("NFKD")    /* a thousand names as the index opens */
    return text.replace(/[^\x00-\x7f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
  }

  /* Words a stemmer would spoil (`during` is no `dur`, `news` no `new`, `united` no `unit`) */
  const KEEP = new Set(("news series species united during nothing something anything everything morning evening " +
    "spring string bring thing things hundred always perhaps").split(" "))

  /* A light English stemmer, for matching only (the index keeps words as written): plurals folded
   * (Harman's S stemmer: `policies` → `policy`), then `-ing` and `-ed` taken off (with a doubled last
   * consonant: `planned` → `plan`) and a final `e` (`release`, `released`, `releasing` → `releas`).
   * A query word finds the words of the same stem; the form typed counts most. */
  function stem(term) {
    if (term.length < 4 || /\d/.test(term) || KEEP.has(term)) return term
    let t = term
    if (/ies$/.test(t) && !/[ae]ies$/.test(t)) t = t.slice(0, -3) + "y"
    else if (/es$/.test(t) && !/[aeo]es$/.test(t)) t = t.slice(0, -1)
    else if (/s$/.test(t) && !/(us|ss|is)$/.test(t)) t = t.slice(0, -1)
    if (KEEP.has(t)) return t
    if (t.length > 5 && t.endsWith("ing")) t = t.slice(0, -3)
    else if (t.length > 4 && t.endsWith("ed") && !t.endsWith("eed")) t = t.slice(0, -2)
    else return t.length > 4 ? t.replace(/e$/, "") : t
    if (/([^aeiouylsz])\1$/.test(t)) t = t.slice(0, -1)
    return t.length > 4 ? t.replace(/e$/, "") : t
  }

  /* ----------------------------------------------------------------------------------- syntax */

  /* The query as typed: `{words, phrases, exclude, fields, problems}`.
   * - `"exact phrase"`: the words adjacent and in order (a stop word inside stands for any one word);
   *   a word that folds to several (`Jean-Pierre`, `COVID-19`) is such a phrase too, which a turn's heading
   *   (its speaker: Karine Jean-Pierre) also holds when it has every one of its words (`loose`);
   * - `-word`, `-"phrase"`: no result holds it;
   * - `name:value` (`speaker:psaki`, `topic:"public health"`, `from:2021`): a filter. An unknown name
   *   is a problem, never words; `name:` with nothing after it too.
   * Words: `{raw, term, stop}`; phrases and exclusions: `{raw, terms}` (null for a stop word inside), a
   * phrase typed as one word `loose`. */
  function parseQuery(input) {
    const out = { words: [], phrases: [], exclude: [], fields: [], problems: [] }
    let text = String(input == null ? "" : input)
    if (text.length > MAX_LENGTH) {
      out.problems.push({ kind: "long", text: `The query is ${text.length.toLocaleString("en-US")} characters long; ` +
        `the first ${MAX_LENGTH.toLocaleString("en-US")} were searched.` })
      text = text.slice(0, MAX_LENGTH)
    }
    const pieces = /(-?)(?:([\p{L}][\p{L}\p{N}_-]*):(?:"([^"]*)"?|(\S*))|"([^"]*)"?|(\S+))/gu
    let dropped = 0
    for (const m of text.matchAll(pieces)) {
      const [, minus, name, quotedValue, value, phrase, word] = m
      if (name !== undefined) {
        const field = name.toLowerCase()
        const given = (quotedValue !== undefined ? quotedValue : value || "").trim()
        if (!FIELDS.includes(field)) {
          if (/^https?$/i.test(field) || /^\d/.test(given)) {   /* a URL or a time is words */
            addWords(out, minus, m[0].slice(minus.length))
            continue
          }
          out.problems.push({ kind: "field", field: name,
            text: `Unknown filter “${name}:”; filters are ${FIELDS.map(f => f + ":").join(" ")}` })
        } else if (!given) {
          out.problems.push({ kind: "empty", field, text: `“${field}:” needs a value, for example ${example(field)}` })
        } else out.fields.push({ name: field, value: given, negated: !!minus })
        continue
      }
      if (out.words.length + out.phrases.length + out.exclude.length >= MAX_TERMS) {
        dropped++
        continue
      }
      if (phrase !== undefined) addPhrase(out, minus, phrase, phrase)
      else addWords(out, minus, word)
    }
    if (dropped) out.problems.push({ kind: "terms", text: `Only the first ${MAX_TERMS} words were searched.` })
    return out
  }

  function example(field) {
    return { speaker: "speaker:psaki", reporter: "reporter:miller", outlet: "outlet:reuters", topic: "topic:fentanyl",
      kind: "kind:gaggle", role: "role:question", from: "from:2021-03", to: "to:2022" }[field]
  }

  /* A piece between spaces: one word, or, when it folds to several (`Jean-Pierre`), a phrase */
  function addWords(out, minus, raw) {
    const terms = tokens(raw)
    if (terms.length > 1) {
      addPhrase(out, minus, raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""), raw, true)
      return
    }
    for (const [piece] of raw.matchAll(RAW_WORD)) {
      if (!tokens(piece).length) continue
      if (minus) out.exclude.push({ raw: piece, terms })
      else if (!out.words.some(w => w.term === terms[0]))
        out.words.push({ raw: piece.replace(/^[.'’`]+|[.'’`]+$/g, ""), term: terms[0], stop: STOP.has(terms[0]) })
    }
  }

  function addPhrase(out, minus, raw, text, loose = false) {
    const all = tokens(text)
    let first = 0, last = all.length
    while (first < last && STOP.has(all[first])) first++
    while (last > first && STOP.has(all[last - 1])) last--
    const terms = all.slice(first, last).map(t => (STOP.has(t) ? null : t))
    if (!terms.length) {
      if (all.length) out.problems.push({ kind: "stop", text: `“${raw}” holds only common words, which are not indexed.` })
      return
    }
    if (minus) out.exclude.push({ raw, terms })
    else if (terms.length === 1 && !out.words.some(w => w.term === terms[0]))
      out.words.push({ raw: terms[0], term: terms[0], stop: false })
    else out.phrases.push(loose ? { raw, terms, loose } : { raw, terms })
  }

  /* The query written back from its parts (fields left out): what the search box shows after the
   * page has turned its filters into chips. */
  function unparse(parsed) {
    const parts = []
    for (const w of parsed.words) parts.push(w.raw)
    for (const p of parsed.phrases) parts.push(p.loose ? p.raw : `"${p.raw.replace(/"/g, "")}"`)
    for (const e of parsed.exclude) parts.push(e.terms.length > 1 ? `-"${e.raw.replace(/"/g, "")}"` : "-" + e.raw)
    return parts.join(" ")
  }

  /* ------------------------------------------------------------------------------------ dates */

  /* `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first (`edge` "from") or last ("to") day it covers,
   * `{date}`; or `{error}` for anything else, an impossible month or day included. */
  function parseDate(value, edge) {
    const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(String(value).trim())
    if (!m) return { error: `“${value}” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD` }
    const y = +m[1], mo = m[2] === undefined ? null : +m[2], d = m[3] === undefined ? null : +m[3]
    if (mo !== null && (mo < 1 || mo > 12)) return { error: `“${value}” is not a date: there is no month ${mo}` }
    const last = mo === null ? 31 : daysIn(y, mo)
    if (d !== null && (d < 1 || d > last)) return { error: `“${value}” is not a date: ${monthName(mo)} ${y} has ${last} days` }
    const month = mo === null ? (edge === "to" ? 12 : 1) : mo
    const day = d === null ? (edge === "to" ? daysIn(y, month) : 1) : d
    return { date: `${m[1]}-${pad(month)}-${pad(day)}` }
  }

  function daysIn(y, m) {
    return new Date(Date.UTC(y, m, 0)).getUTCDate()
  }
  function pad(n) {
    return (n < 10 ? "0" : "") + n
  }
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"]
  function monthName(m) {
    return MONTHS[m - 1]
  }

  /* Days since 1970-01-01 of an ISO date, and back */
  function dayNumber(iso) {
    const [y, m, d] = iso.split("-").map(Number)
    return Math.round(Date.UTC(y, m - 1, d) / 86400000)
  }
  function isoDay(day) {
    return new Date(day * 86400000).toISOString().slice(0, 10)
  }
  function longDate(iso) {
    const [y, m, d] = iso.split("-").map(Number)
    return `${MONTHS[m - 1]} ${d}, ${y}`
  }

  /* ------------------------------------------------------------------------------- URL state */

  /* The search page's state from its URL parameters: `{q, speaker: [], reporter: [], outlet: [], topic: [],
   * kind: [], role, from, to, sort, page, problems}`. Bad values are dropped with a problem each. */
  function fromParams(params) {
    const state = { q: "", role: "", from: "", to: "", sort: "relevance", page: 1, problems: [] }
    for (const name of LISTS) state[name] = []
    for (const [key, raw] of params) {
      const value = String(raw).trim()
      if (key === "q") state.q = state.q ? state.q + " " + value : value
      else if (LISTS.includes(key)) {
        if (!value) continue
        if (/^[a-z0-9][a-z0-9-]{0,120}$/.test(value)) {
          if (!state[key].includes(value)) state[key].push(value)
        } else state.problems.push({ kind: "value", field: key, value, text: `“${value}” is not a ${key} id` })
      } else if (key === "role") {
        if (ROLES.includes(value)) state.role = value
        else if (value) state.problems.push({ kind: "value", field: key, value,
          text: `“${value}” is not a role: write role=question or role=answer` })
      } else if (key === "from" || key === "to") {
        if (!value) continue
        const parsed = parseDate(value, key)
        if (parsed.error) state.problems.push({ kind: "date", field: key, value, text: parsed.error })
        else state[key] = value
      } else if (key === "sort") {
        if (SORTS.includes(value)) state.sort = value
        else state.problems.push({ kind: "value", field: key, value,
          text: `“${value}” is not a sort order: write relevance, newest or oldest` })
      } else if (key === "page") {
        if (/^[1-9]\d{0,5}$/.test(value)) state.page = +value
        else state.problems.push({ kind: "value", field: key, value, text: `“${value}” is not a page number` })
      }
    }
    checkRange(state)
    return state
  }

  /* `to` before `from`: both are kept out, with a problem. */
  function checkRange(state) {
    if (state.from && state.to && parseDate(state.to, "to").date < parseDate(state.from, "from").date) {
      state.problems.push({ kind: "range", field: "to", value: state.to,
        text: `“to ${state.to}” is before “from ${state.from}”: the dates were left out` })
      state.from = state.to = ""
    }
  }

  /* URL parameters of a state, in a fixed order (defaults left out) */
  function toParams(state) {
    const out = []
    if (state.q) out.push(["q", state.q])
    for (const name of LISTS) for (const value of state[name] || []) out.push([name, value])
    for (const name of ["role", "from", "to"]) if (state[name]) out.push([name, state[name]])
    if (state.sort && state.sort !== "relevance") out.push(["sort", state.sort])
    if (state.page > 1) out.push(["page", String(state.page)])
    return out.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%20/g, "+")}`).join("&")
  }

  /* ---------------------------------------------------------------------------------- names */

  /* A `speaker:psaki`-style value matched against a list of `{id, name, count}`: an exact id, else
   * every folded word of the value starting a word of the name (`psaki`, `jen p`); several matches:
   * the one with most turns, the others as `also`. None: `{ids: [], suggestions}` (did you mean). */
  function resolve(value, items) {
    const wanted = tokens(value)
    const exact = items.filter(item => item.id === value)
    if (exact.length) return { ids: [exact[0].id], also: [] }
    if (!wanted.length) return { ids: [], suggestions: [] }
    const found = items.filter(item => {
      const words = tokens(item.name + " " + item.id.replace(/-/g, " "))
      return wanted.every(w => words.some(n => n.startsWith(w)))
    }).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    if (found.length) return { ids: [found[0].id], also: found.slice(1, 6) }
    return { ids: [], suggestions: nearest(wanted.join(" "), items) }
  }

  /* Names closest to a misspelt value (by edit distance to the name or to one of its words) */
  function nearest(value, items, count = 3) {
    const scored = []
    for (const item of items) {
      const words = tokens(item.name)
      const whole = words.join(" ")
      let best = distance(value, whole)
      for (const w of words) best = Math.min(best, distance(value, w))
      if (best <= Math.max(1, Math.floor(value.length / 3))) scored.push([best, -item.count, item.name, item])
    }
    scored.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0))
    return scored.slice(0, count).map(s => s[3])
  }

  function distance(a, b) {
    if (Math.abs(a.length - b.length) > 3) return 99
    let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
    for (let i = 1; i <= a.length; i++) {
      const row = [i]
      for (let j = 1; j <= b.length; j++)
        row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = row
    }
    return prev[b.length]
  }

  /* Names that a partly typed value may mean, for the suggestion list */
  function complete(value, items, count = 8) {
    const wanted = tokens(value)
    if (!wanted.length) return items.slice().sort((a, b) => b.count - a.count).slice(0, count)
    return items.filter(item => {
      const words = tokens(item.name + " " + item.id.replace(/-/g, " "))
      return wanted.every(w => words.some(n => n.startsWith(w)))
    }).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, count)
  }

  /* ------------------------------------------------------------------------------ highlight */

  /* Where `text` holds what a query asked for: `[start, end]` character ranges of each word whose
   * folded form is in `terms` (a Set), and of each run of words that is one of `phrases` (arrays of
   * folded words, null for any one word). */
  function matches(text, terms, phrases) {
    const words = []
    for (const m of text.matchAll(RAW_WORD)) {
      const clean = m[0].replace(/[.'’`]+$/, "")
      for (const part of splitFolded(clean, m.index)) words.push(part)
    }
    const marked = new Array(words.length).fill(false)
    words.forEach((w, i) => { if (terms.has(w.term)) marked[i] = true })
    for (const phrase of phrases || [])
      for (let i = 0; i + phrase.length <= words.length; i++)
        if (phrase.every((t, k) => t === null || words[i + k].term === t))
          for (let k = 0; k < phrase.length; k++) if (phrase[k] !== null) marked[i + k] = true
    return words.filter((_, i) => marked[i]).map(w => [w.start, w.end])
  }

  const PLAIN = /^[A-Za-z0-9]+$/   /* most words: folded by lowercasing alone */

  /* A raw word split as the index splits it (`COVID-19` is two words), with character offsets */
  function splitFolded(raw, offset) {
    if (PLAIN.test(raw)) return [{ term: raw.toLowerCase(), start: offset, end: offset + raw.length }]
    const out = []
    const pattern = /[\p{L}\p{N}\p{M}.'’`]+/gu
    for (const m of raw.matchAll(/[^\p{L}\p{N}\p{M}.'’`]+|[\p{L}\p{N}\p{M}.'’`]+/gu)) {
      if (!pattern.test(m[0])) continue
      pattern.lastIndex = 0
      for (const term of tokens(m[0])) out.push({ term, start: offset + m.index, end: offset + m.index + m[0].length })
    }
    return out
  }

  /* Text cut to about `window` characters around the first range, at spaces or paragraph breaks (a
   * turn's text has its paragraphs one to a line), as `[{text, mark}]` pieces (never HTML: the page puts
   * them in with textContent). Without ranges, the beginning. */
  function snippet(text, ranges, window) {
    let start = 0, end = text.length
    if (window && text.length > window) {
      const at = ranges.length ? ranges[0][0] : 0
      start = Math.max(0, at - Math.floor(window / 3))
      if (start > 0) {
        BREAK.lastIndex = start
        const next = BREAK.exec(text)
        if (next) start = next.index + 1
      }
      if (start > at) start = at
      end = Math.min(text.length, start + window)
      if (end < text.length) {
        const space = Math.max(text.lastIndexOf(" ", end), text.lastIndexOf("\n", end))
        if (space > start) end = space
      }
    }
    const out = []
    if (start > 0) out.push({ text: "… ", mark: false })
    let pos = start
    for (const [a, b] of ranges) {
      if (a < pos || b > end) continue
      if (a > pos) out.push({ text: text.slice(pos, a), mark: false })
      out.push({ text: text.slice(a, b), mark: true })
      pos = b
    }
    if (end > pos) out.push({ text: text.slice(pos, end), mark: false })
    if (end < text.length) out.push({ text: " …", mark: false })
    return out
  }

  /* ------------------------------------------------------------------------------- timeline */

  /* Bars of a timeline from hits per month (`{"2021-03": 12, …}`) between two months: a bar per month
   * when the range spans at most `maxMonths`, else per year. `[{label, key, from, to, count}]`. */
  function timeline(perMonth, first, last, maxMonths = 48) {
    if (!first || !last) return { unit: "month", bars: [] }
    const [fy, fm] = first.split("-").map(Number), [ly, lm] = last.split("-").map(Number)
    const span = (ly - fy) * 12 + lm - fm + 1
    const bars = []
    if (span <= maxMonths) {
      for (let y = fy, m = fm; y < ly || (y === ly && m <= lm); m === 12 ? (y++, m = 1) : m++) {
        const key = `${y}-${pad(m)}`
        bars.push({ key, label: `${MONTHS[m - 1]} ${y}`, short: MONTHS[m - 1].slice(0, 3), from: key, to: key,
          count: perMonth[key] || 0 })
      }
      return { unit: "month", bars }
    }
    for (let y = fy; y <= ly; y++) {
      let count = 0
      for (let m = 1; m <= 12; m++) count += perMonth[`${y}-${pad(m)}`] || 0
      bars.push({ key: String(y), label: String(y), short: String(y), from: String(y), to: String(y), count })
    }
    return { unit: "year", bars }
  }

  /* -------------------------------------------------------------------------------- exports */

  const COLUMNS = ["date", "briefing", "speaker", "role", "type", "reporter", "outlet", "topics", "text", "permalink",
    "citation"]

  /* A spreadsheet cell: quoted when needed; a value starting with = + - @ (or a tab or carriage
   * return) gets a leading apostrophe, so that no spreadsheet runs it as a formula. */
  function csvCell(value) {
    let text = value == null ? "" : String(value)
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text
    return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text
  }

  function toCSV(rows, columns = COLUMNS) {
    return [columns.join(","), ...rows.map(row => columns.map(c => csvCell(row[c])).join(","))].join("\r\n") + "\r\n"
  }

  function toJSON(rows, about) {
    return JSON.stringify({ ...about, count: rows.length, results: rows }, null, 1) + "\n"
  }

  function fileName(state, extension) {
    const words = tokens(state.q || "").slice(0, 6).join("-")
    const parts = ["search", words, ...LISTS.flatMap(n => state[n] || []).slice(0, 4), state.from, state.to]
    return parts.filter(Boolean).join("-").replace(/[^a-z0-9-]+/g, "-").slice(0, 100) + "." + extension
  }

  const api = {
    STOP, FIELDS, LISTS, SORTS, ROLES, MAX_LENGTH, MAX_TERMS, COLUMNS,
    fold, tokens, slugify, stem, parseQuery, unparse, parseDate, dayNumber, isoDay, longDate, monthName,
    fromParams, toParams, checkRange, resolve, nearest, complete, distance, matches, snippet, timeline,
    csvCell, toCSV, toJSON, fileName
  }
  if (typeof module === "object" && module.exports) module.exports = api
  else root.ArchiveQuery = api
})(typeof self === "object" ? self : this)
