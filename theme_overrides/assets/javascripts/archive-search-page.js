/* The search page (search.html, generator/site/search_page.py): a query with filters, the whole result
 * set counted by facet and by month, every result linked to its turn, exports of all of it.
 *
 * Its state is the URL (`?q=inflation&speaker=jen-psaki&from=2021&sort=newest`): every filter, bar,
 * chip and page number is a real link, followed in place (history.pushState) so the back button works.
 * The engine is archive-search-core.js over search/archive/, read by Range requests over HTTP and by
 * script tags from file://. Nothing from the query, the URL or a transcript is ever inserted as HTML:
 * every text goes in with textContent.
 */
(() => {
  "use strict"

  const Q = window.ArchiveQuery, S = window.ArchiveSearch
  const root = document.getElementById("archive-search")
  if (!root || !Q || !S) return

  const PAGE_SIZE = 20
  const START_MATERIAL_MS = 3000
  const FACET_SHOWN = 8
  const SNIPPET = 320
  const FACETS = [["speaker", "Speakers"], ["reporter", "Reporters"], ["outlet", "Outlets"], ["topic", "Topics"],
    ["kind", "Kinds of briefing"], ["year", "Years"]]
  const LABELS = { speaker: "Speaker", reporter: "Reporter", outlet: "Outlet", topic: "Topic", kind: "Kind",
    role: "Role", from: "From", to: "To" }
  const EXAMPLES = [
    ["inflation", "inflation&speaker=jen-psaki&from=2021&to=2021", "What Jen Psaki said about inflation in 2021"],
    ["\"sham referenda\"", "%22sham+referenda%22&sort=oldest", "When the phrase was first said"],
    ["fentanyl role:question", "fentanyl&role=question", "Every question about fentanyl"]
  ]
  const STALE = new Error("stale")
  const base = new URL(root.dataset.index || "search/archive/", location.href)
  const siteRoot = new URL("../../", base)

  /* -------------------------------------------------------------------------------- DOM */

  /* An element with attributes and children (strings become text nodes: never HTML) */
  function el(tag, attrs, ...children) {
    const node = /^(svg|rect|line|text|title|g|a:svg)$/.test(tag)
      ? document.createElementNS("http://www.w3.org/2000/svg", tag.replace("a:svg", "a"))
      : document.createElement(tag)
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue
      if (key === "text") node.textContent = value
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value)
      else node.setAttribute(key, value === true ? "" : String(value))
    }
    for (const child of children.flat()) if (child !== null && child !== undefined && child !== false)
      node.append(typeof child === "string" ? document.createTextNode(child) : child)
    return node
  }

  /* 31853 → "31,853", as Intl.NumberFormat("en-US") writes it: making one takes 10 ms of the page's first moments */
  const number = n => {
    const [whole, fraction] = String(n).split(".")
    return whole.replace(/\B(?=(\d{3})+$)/g, ",") + (fraction ? `.${fraction}` : "")
  }
  const plural = (n, one, many) => `${number(n)} ${n === 1 ? one : many || one + "s"}`

  function shortDate(iso) {
    const [y, m, d] = iso.split("-").map(Number)
    return `${d} ${Q.monthName(m).slice(0, 3)} ${y}`
  }

  const ui = (() => {
    root.textContent = ""
    const input = el("input", { type: "search", name: "q", id: "archive-search-q", class: "archive-search__input",
      autocomplete: "off", spellcheck: "false", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
      "aria-controls": "archive-search-suggest", "aria-describedby": "archive-search-syntax-hint",
      placeholder: "Words, \"a phrase\", speaker:name, topic:…, from:2021" })
    const suggest = el("ul", { id: "archive-search-suggest", role: "listbox", class: "archive-search__suggest",
      "aria-label": "Suggestions", hidden: true })
    const form = el("form", { class: "archive-search__form", role: "search", "aria-label": "Briefings",
      action: "", method: "get" },
      el("label", { for: "archive-search-q", class: "archive-search__label", text: "Search the briefings" }),
      el("div", { class: "archive-search__field" }, input, suggest,
        el("button", { type: "submit", class: "md-button md-button--primary", text: "Search" })),
      el("p", { id: "archive-search-syntax-hint", class: "archive-search__hint",
        text: "\"exact phrase\" · -word leaves it out · speaker: reporter: outlet: topic: kind: role:question from:2021-03 to:2022" }))
    const problems = el("div", { class: "archive-search__problems", role: "alert" })
    const chips = el("div", { class: "archive-search__chips", role: "group", "aria-label": "Filters" })
    const status = el("p", { class: "archive-search__status", role: "status", "aria-live": "polite" })
    status.classList.add("archive-search__visually-hidden")
    const summary = el("div", { class: "archive-search__summary" })
    const timeline = el("div", { class: "archive-search__timeline", hidden: true })
    const facets = el("aside", { class: "archive-search__facets", "aria-label": "Narrow the results" })
    const results = el("ol", { class: "archive-search__results" })
    const pager = el("nav", { class: "archive-search__pager", "aria-label": "Result pages" })
    const intro = el("div", { class: "archive-search__intro" })
    const relaxed = el("p", { class: "archive-search__relaxed", hidden: true })
    const main = el("div", { class: "archive-search__main" }, summary, relaxed, timeline, results, pager)
    root.append(form, problems, chips, status, intro, el("div", { class: "archive-search__layout" }, main, facets))
    return { input, suggest, form, problems, chips, status, summary, relaxed, timeline, facets, results, pager, intro }
  })()

  /* ------------------------------------------------------------------------------ index */

  let opening = null
  function openIndex() {
    if (!opening) {
      const source = location.protocol === "file:" ? S.scriptSource(base, document) : S.httpSource(base)
      opening = new S.Index(source).open()
      opening.catch(() => { opening = null })
    }
    return opening
  }

  /* ---------------------------------------------------------------------------- state */

  /* The address's `q`, held back from Material's search box (generator/site/search_page.py), is put back
   * once Material has read the address (its components start on DOMContentLoaded); the search runs at
   * once, on the held address, and changes to it wait for that moment */
  let held = window.__archiveSearchHref
  const address = () => (held ? new URL(held) : location)
  const here = () => Q.fromParams(new URLSearchParams(address().search))

  function href(state) {
    const params = Q.toParams(state)
    return params ? `?${params}` : address().pathname.split("/").pop() || "search.html"
  }

  /* A copy of `state` changed by `change`, on its first page */
  function withChange(state, change) {
    const next = JSON.parse(JSON.stringify(state))
    delete next.problems
    next.page = 1
    change(next)
    return next
  }

  /* The query without one of its words */
  function without(q, term) {
    const parsed = Q.parseQuery(q)
    return Q.unparse({ ...parsed, words: parsed.words.filter(w => w.term !== term) })
  }

  /* A link to another state of the page, followed in place */
  function stateLink(state, attrs, ...children) {
    return el("a", { ...attrs, href: href(state), onclick: follow }, ...children)
  }

  function follow(event) {
    if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    go(event.currentTarget.getAttribute("href"), true)
  }

  function go(target, focusResults) {
    if (waiting) held = new URL(target, address()).href        /* Material reads the address as it starts */
    else {
      restore()
      history.pushState(null, "", target)
    }
    run(focusResults)
  }

  /* ------------------------------------------------------------------------------- run */

  let latest = 0
  let current = null

  async function run(focusResults) {
    const id = ++latest
    const check = () => {
      if (id !== latest) throw STALE
    }
    const given = here()
    ui.input.value = given.q
    root.setAttribute("aria-busy", "true")
    ui.status.textContent = "Searching…"
    try {
      const index = await openIndex()
      check()
      const planned = S.plan(index, given)
      const { state, problems, hints } = planned
      let { query } = planned
      if (Q.toParams(state) !== Q.toParams({ ...given, problems: [] }) && !given.problems.length) {
        if (held) held = new URL(href(state), held).href
        else history.replaceState(null, "", href(state))
      }
      ui.input.value = state.q
      showProblems(index, state, problems, hints, query)
      showChips(index, state)
      const asked = query.words.length || query.phrases.length || hasFilters(state)
      if (!asked) {
        clearResults()
        showIntro(index)
        ui.status.textContent = ""
        return
      }
      ui.intro.hidden = true
      let result = await index.search(query, check)
      check()
      const relaxed = result.total ? null : await index.relaxed(query, result.counts, check)
      check()
      showRelaxed(state, query, relaxed)
      if (relaxed) ({ result, query } = relaxed)
      if (result.partial && state.page * PAGE_SIZE > result.first) {   /* past what the build made for a heavy word */
        result = await index.search({ ...query, whole: true }, check)
        check()
      }
      const order = index.order(result, state.sort)
      current = { index, state, query, result, order }
      showSummary(index, state, result, query)
      const counting = index.facets(result)      /* while the results' texts load */
      counting.catch(() => {})
      await showResults(index, state, result, order, query, check)
      if (focusResults) ui.summary.querySelector("h2")?.focus()
      const facets = await counting
      check()
      current.facets = facets
      showSummary(index, state, result, query, facets)
      showTimeline(index, state, facets)
      showFacets(index, state, facets)
      performance.mark("archive-search:facets")
      ui.status.textContent = (result.total ? `${plural(result.total, "turn")} found` : "No turn found") +
        (relaxed ? `, holding every word but ${leftOut(relaxed)}` : "")
    } catch (error) {
      if (error === STALE) return
      clearResults()
      ui.status.textContent = ""
      ui.problems.replaceChildren(el("p", { class: "archive-search__problem" },
        "The search could not load its index (", String(error && error.message || error), "). ",
        location.protocol === "file:" ? "Open the page from the unzipped offline bundle." :
          "A preview made with `mkdocs serve` of a large archive has none: build the site with `mkdocs build`."))
    } finally {
      if (id === latest) root.removeAttribute("aria-busy")
    }
  }

  /* A note above the results of a search no turn answered whole: the words left out, and the search as typed. */
  function showRelaxed(state, query, relaxed) {
    ui.relaxed.replaceChildren()
    ui.relaxed.hidden = !relaxed
    if (!relaxed) return
    ui.relaxed.append(`No turn holds every word of “${state.q}”; these hold all but ${leftOut(relaxed)}. `)
    const kept = new Set(relaxed.query.words.map(w => w.term))
    const q = query.words.filter(w => !kept.has(w.term)).reduce((text, w) => without(text, w.term), state.q)
    if (q.trim() && q !== state.q)     /* the search as answered, to share or narrow */
      ui.relaxed.append(stateLink(withChange(state, next => { next.q = q }), {}, `Search for “${q}”`), ".")
  }

  /* The words a relaxed search left out, quoted: `“2021” and “being”` */
  function leftOut(relaxed) {
    return relaxed.dropped.map(w => `“${w}”`).join(" and ")
  }

  function hasFilters(state) {
    return Q.LISTS.some(n => state[n].length) || state.role || state.from || state.to
  }

  function clearResults() {
    for (const part of [ui.summary, ui.results, ui.pager, ui.facets]) part.replaceChildren()
    ui.relaxed.hidden = true
    ui.timeline.hidden = true
    current = null
  }

  /* -------------------------------------------------------------------------- messages */

  function showProblems(index, state, problems, hints, query) {
    const items = problems.map(problem => {
      const line = el("li", {}, problem.text)
      const suggestions = problem.suggestions || []
      if (suggestions.length) {
        line.append(": did you mean ")
        suggestions.forEach((s, i) => {
          if (i) line.append(i === suggestions.length - 1 ? " or " : ", ")
          line.append(stateLink(withChange(state, next => next[problem.field].push(s.id)), {}, s.name))
        })
        line.append("?")
      }
      if (problem.kind === "unknown" && problem.field) line.append(" That filter was left out.")
      else if (!/[.?!]$/.test(line.textContent)) line.append(".")
      return line
    })
    for (const hint of hints) {
      const line = el("li", { class: "archive-search__note" }, `“${hint.field}:${hint.value}” was read as the one with most turns; also: `)
      hint.items.forEach((item, i) => {
        if (i) line.append(", ")
        line.append(stateLink(withChange(state, next => { next[hint.field] = [item.id] }), {}, item.name))
      })
      items.push(line)
    }
    for (const tip of tips(index, state, query)) items.push(tip)
    ui.problems.replaceChildren(...(items.length ? [el("ul", {}, items)] : []))
  }

  /* The speakers of 20 turns or more, each with the words of their name (once per index) */
  function speakerWords(index) {
    if (!index.speakerWords)
      index.speakerWords = S.choices(index, "speaker").filter(c => c.count >= 20).map(c => [new Set(Q.tokens(c.name)), c])
    return index.speakerWords
  }

  /* Words that look like a filter: a speaker's name, a year */
  function tips(index, state, query) {
    const out = []
    for (const word of query.words) {
      if (/^(19|20)\d\d$/.test(word.term) && !state.from && !state.to) {
        out.push(el("li", { class: "archive-search__note" }, `“${word.raw}” is searched as a word; for turns of that year: `,
          stateLink(withChange(state, next => {
            next.q = without(next.q, word.term)
            next.from = next.to = word.term
          }), {}, `from:${word.term} to:${word.term}`)))
        continue
      }
      if (word.term.length < 4 || state.speaker.length) continue
      const people = speakerWords(index).filter(([words, c]) => words.has(word.term) && c.count >= 20).map(([, c]) => c)
      if (people.length) {
        const person = people.sort((a, b) => b.count - a.count)[0]
        out.push(el("li", { class: "archive-search__note" }, `“${word.raw}” is searched as a word; for what ${person.name} said: `,
          stateLink(withChange(state, next => {
            next.q = without(next.q, word.term)
            next.speaker = [person.id]
          }), {}, `speaker:${person.id}`)))
      }
    }
    return out
  }

  function showChips(index, state) {
    const names = {}
    for (const field of Q.LISTS) names[field] = new Map(S.choices(index, field).map(c => [c.id, c.name]))
    const chips = []
    const chip = (label, next) => chips.push(stateLink(next, { class: "archive-search__chip",
      "aria-label": `Remove the filter ${label}` }, label, el("span", { "aria-hidden": "true", class: "archive-search__chip-x", text: " ×" })))
    for (const field of Q.LISTS)
      for (const id of state[field])
        chip(`${LABELS[field]}: ${names[field].get(id) || id}`, withChange(state, next => { next[field] = next[field].filter(v => v !== id) }))
    if (state.role) chip(`Role: ${state.role}`, withChange(state, next => { next.role = "" }))
    if (state.from) chip(`From: ${state.from}`, withChange(state, next => { next.from = "" }))
    if (state.to) chip(`To: ${state.to}`, withChange(state, next => { next.to = "" }))
    if (chips.length > 1) chips.push(stateLink(withChange(state, next => {
      for (const f of Q.LISTS) next[f] = []
      next.role = next.from = next.to = ""
    }), { class: "archive-search__chip archive-search__chip--all" }, "Clear all filters"))
    ui.chips.replaceChildren(...chips)
  }

  function showIntro(index) {
    ui.intro.hidden = false
    const first = index.day.length ? Q.isoDay(index.day[0]) : "", last = index.day.length ? Q.isoDay(index.day[index.day.length - 1]) : ""
    ui.intro.replaceChildren(
      el("p", {}, `Every turn of ${plural(index.day.length, "briefing")}` + (first ? `, ${shortDate(first)} to ${shortDate(last)}` : "") +
        ". Type words, then narrow by speaker, reporter, outlet, topic, kind of briefing and date."),
      el("ul", {}, EXAMPLES.map(([q, params, what]) => el("li", {},
        el("a", { href: `?q=${params}`, onclick: follow }, q.replace(/\+/g, " ")), ` — ${what}`))),
      el("details", {}, el("summary", { text: "Search syntax" }), el("dl", {},
        el("dt", { text: "words" }), el("dd", { text: "Turns holding every word (a word also finds its plural: sanction, sanctions)." }),
        el("dt", { text: "\"exact phrase\"" }), el("dd", { text: "The words next to each other, in order. A hyphenated name (Jean-Pierre) is a phrase." }),
        el("dt", { text: "-word, -\"a phrase\"" }), el("dd", { text: "Leaves out turns holding it." }),
        el("dt", { text: "speaker:psaki, reporter:, outlet:, topic:, kind:" }), el("dd", { text: "Filters by name (with suggestions as you type); several of one kind mean any of them." }),
        el("dt", { text: "role:question, role:answer" }), el("dd", { text: "Questions from reporters, or every other turn." }),
        el("dt", { text: "from:2021, to:2022-06, from:2021-03-15" }), el("dd", { text: "Dates (a year, a month or a day)." }))))
  }

  /* --------------------------------------------------------------------------- results */

  /* `container`'s children replaced by `parts`, keyboard focus kept where it was: on the element of the same id
   * (the sort menu) or the same kind (the count's heading), not dropped to the page's body. */
  function keepingFocus(container, parts) {
    const focused = container.contains(document.activeElement) ? document.activeElement : null
    container.replaceChildren(...parts)
    if (!focused) return
    const again = focused.id ? container.querySelector("#" + CSS.escape(focused.id)) : container.querySelector(focused.tagName)
    again?.focus()
  }

  function showSummary(index, state, result, query, facets) {
    const n = result.total
    const heading = el("h2", { tabindex: "-1", class: "archive-search__count" },
      n ? `${plural(n, "turn")}` + (facets ? ` in ${plural(facets.briefings, "briefing")}` : "") : "No turn found")
    const sort = el("select", { id: "archive-search-sort", onchange: ev => go(href(withChange(state, next => { next.sort = ev.target.value })), false) },
      Q.SORTS.map(s => el("option", { value: s, selected: s === state.sort, text: { relevance: "Most relevant first", newest: "Newest first", oldest: "Oldest first" }[s] })))
    const parts = [heading]
    if (n) {
      parts.push(el("p", { class: "archive-search__tools" },
        el("label", { for: "archive-search-sort", text: "Sort " }), sort, " ",
        el("button", { type: "button", class: "md-button", onclick: () => exportAll("csv") }, "Export CSV"), " ",
        el("button", { type: "button", class: "md-button", onclick: () => exportAll("json") }, "Export JSON"),
        el("span", { class: "archive-search__export-status", role: "status", "aria-live": "polite" })))
    } else if (query.words.length + query.phrases.length) {
      parts.push(el("p", {}, "Turns holding each word alone: ",
        result.counts.map((c, i) => [i ? " · " : "", `${c.label}: ${number(c.df)}`]).flat(),
        ". Try fewer words, other forms, or fewer filters."))
    }
    keepingFocus(ui.summary, parts)
  }

  async function showResults(index, state, result, order, query, check) {
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE))
    const page = Math.min(state.page, pages)
    const shown = order.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
    const docs = shown.map(i => result.docs[i])
    const stored = index.storedEach(docs)
    stored.forEach(p => p.catch(() => {}))
    const sets = await index.topicSets(shown.map(i => result.sets[i]))
    check()
    const terms = result.found
    const phrases = query.phrases.map(p => p.terms)
    const words = [...query.words.map(w => w.term), ...query.phrases.flatMap(p => p.terms.filter(Boolean))]
    /* drawn in order as their texts come: the first result shows before the page's last text has loaded */
    for (const [k, i] of shown.entries()) {
      const doc = result.docs[i]
      const turn = index.describe(doc, await stored[k], null, [result.codes[i]])
      check()
      const item = resultItem(index, turn, sets[k].map(t => index.topics[t].id), terms, phrases, words)
      if (k) ui.results.append(item)
      else {
        ui.results.setAttribute("start", String((page - 1) * PAGE_SIZE + 1))
        ui.results.replaceChildren(item)
        performance.mark("archive-search:results")  /* bench/search_bench.py times these */
      }
    }
    if (!shown.length) {
      ui.results.replaceChildren()
      performance.mark("archive-search:results")
    }
    performance.mark("archive-search:page")
    showPager(state, page, pages)
  }

  function resultItem(index, turn, topics, terms, phrases, words) {
    const page = new URL(turn.location, siteRoot)
    const permalink = `${page.href}#${turn.anchor}`
    const highlight = words.length ? `${page.href}?h=${encodeURIComponent(words.join(" "))}#${turn.anchor}` : permalink
    const text = el("p", { class: "archive-search__text" })
    for (const piece of Q.snippet(turn.text, Q.matches(turn.text, terms, phrases), SNIPPET))
      text.append(piece.mark ? el("mark", { text: piece.text }) : document.createTextNode(piece.text))
    const who = turn.question ? (turn.heading || "Question") : turn.heading
    return el("li", { class: "archive-search__result" + (turn.question ? " archive-search__result--question" : ""),
      "data-speaker": turn.who, "data-date": turn.date, "data-topics": topics.join(" "),
      "data-role": turn.question ? "question" : "answer" },
      el("p", { class: "archive-search__meta" }, el("time", { datetime: turn.date, text: shortDate(turn.date) }), " · ",
        el("a", { href: page.href, text: turn.title }), turn.kind ? ` · ${turn.kind[0].toUpperCase()}${turn.kind.slice(1)}` : ""),
      el("h3", { class: "archive-search__who" }, el("a", { href: highlight, text: who })),
      text,
      el("p", { class: "archive-search__links" },
        el("a", { href: permalink, class: "archive-search__permalink", title: "The turn's permanent address" }, `Permalink #${turn.anchor}`),
        topics.length ? [" · ", topics.map((t, i) => [i ? ", " : "", index.topics.find(x => x.id === t)?.name || t]).flat()].flat() : ""))
  }

  function showPager(state, page, pages) {
    if (pages < 2) {
      ui.pager.replaceChildren()
      return
    }
    const link = (n, label, rel) => (n === page
      ? el("span", { "aria-current": "page", class: "archive-search__page archive-search__page--current", text: label })
      : stateLink(withChange(state, s => { s.page = n }), { class: "archive-search__page", rel }, label))
    const items = []
    if (page > 1) items.push(link(page - 1, "← Previous", "prev"))
    const numbers = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter(n => n >= 1 && n <= pages))
    let last = 0
    for (const n of [...numbers].sort((a, b) => a - b)) {
      if (n > last + 1) items.push(el("span", { class: "archive-search__gap", text: "…" }))
      items.push(link(n, String(n)))
      last = n
    }
    if (page < pages) items.push(link(page + 1, "Next →", "next"))
    ui.pager.replaceChildren(...items)
  }

  /* ---------------------------------------------------------------------------- facets */

  function showFacets(index, state, facets) {
    const groups = []
    for (const [field, title] of FACETS) {
      const values = facets[field]
      if (!values.length) continue
      const chosen = field === "year" ? new Set(state.from && state.from === state.to ? [state.from] : [])
        : new Set(state[field])
      const list = el("ul", {}, values.map((v, i) => {
        const on = chosen.has(v.id)
        const next = withChange(state, s => {
          if (field === "year") {
            if (on) s.from = s.to = ""
            else s.from = s.to = v.id
          } else s[field] = on ? s[field].filter(x => x !== v.id) : [...s[field], v.id]
        })
        return el("li", { hidden: i >= FACET_SHOWN && !on },
          stateLink(next, { class: "archive-search__facet" + (on ? " archive-search__facet--on" : ""), "aria-current": on ? "true" : null,
            "data-facet": field, "data-value": v.id }, v.name),
          " ", el("span", { class: "archive-search__facet-count", text: number(v.count) }))
      }))
      const section = el("section", { class: "archive-search__facet-group" }, el("h2", { text: title }), list)
      if (values.length > FACET_SHOWN) {
        const more = el("button", { type: "button", class: "archive-search__more", "aria-expanded": "false",
          onclick: () => {
            const open = more.getAttribute("aria-expanded") !== "true"
            more.setAttribute("aria-expanded", String(open))
            more.textContent = open ? "Show fewer" : `Show all ${number(values.length)}`
            list.querySelectorAll("li").forEach((li, i) => { if (i >= FACET_SHOWN) li.hidden = !open && !li.querySelector("[aria-current=true]") })
          } }, `Show all ${number(values.length)}`)
        section.append(more)
      }
      groups.push(section)
    }
    ui.facets.replaceChildren(...groups)
  }

  /* -------------------------------------------------------------------------- timeline */

  function showTimeline(index, state, facets) {
    const months = Object.keys(facets.months).sort()
    if (!months.length) {
      ui.timeline.hidden = true
      return
    }
    const first = state.from ? state.from.slice(0, 7) : months[0]
    const last = state.to ? state.to.slice(0, 7) : months[months.length - 1]
    const { unit, bars } = Q.timeline(facets.months, first.length === 4 ? first + "-01" : first,
      last.length === 4 ? last + "-12" : last)
    const max = Math.max(1, ...bars.map(b => b.count))
    const width = Math.min(48, 720 / bars.length), height = 80, top = 4
    const svg = el("svg", { viewBox: `0 0 720 ${height + 14}`, class: "archive-search__chart", role: "list",
      "aria-label": `Turns found per ${unit}` })
    let labelled = -Infinity
    bars.forEach((bar, i) => {
      const h = bar.count ? Math.max(2, Math.round((height - top) * bar.count / max)) : 0
      const label = `${bar.label}: ${plural(bar.count, "turn")}`
      const next = withChange(state, s => { s.from = bar.from; s.to = bar.to })
      const x = i * width
      svg.append(el("g", { role: "listitem" }, el("a:svg", { href: href(next), "aria-label": label, class: "archive-search__bar",
        onclick: follow },
        el("title", { text: label }),
        el("rect", { x: x + width * 0.1, y: height - h, width: width * 0.8, height: h, class: "archive-search__bar-fill" }),
        el("rect", { x, y: 0, width, height, class: "archive-search__bar-hit" }))))
      const text = unit === "year" ? bar.key : bar.key.endsWith("-01") || i === 0 ? bar.key.slice(0, 4) : ""
      if (text && x - labelled >= 34) {
        svg.append(el("text", { x: x + 1, y: height + 12, class: "archive-search__axis", "aria-hidden": "true", text }))
        labelled = x
      }
    })
    ui.timeline.replaceChildren(svg, el("p", { class: "archive-search__caption" }, `Turns found per ${unit}: the tallest bar is ${number(max)}. A bar narrows the search to its ${unit}.`))
    ui.timeline.hidden = false
  }

  /* ---------------------------------------------------------------------------- export */

  async function exportAll(kind) {
    if (!current) return
    const { index, state, query } = current
    let { result, order } = current
    const status = ui.summary.querySelector(".archive-search__export-status")
    const buttons = ui.summary.querySelectorAll("button")
    buttons.forEach(b => { b.disabled = true })
    try {
      if (result.partial) {                               /* a heavy word's first results only: every one now */
        status.textContent = ` Finding ${plural(result.total, "turn")}…`
        result = await index.search({ ...query, whole: true })
        order = index.order(result, state.sort)
      }
      const docs = order.map(i => result.docs[i])
      status.textContent = ` Preparing ${plural(docs.length, "turn")}…`
      const stored = await index.stored([...docs, ...new Set(docs.map(d => index.start[index.briefingOf(d)]))],
        (done, total) => { status.textContent = ` Preparing ${plural(docs.length, "turn")}… ${Math.floor(100 * done / total)} %` })
      const sets = await index.topicSets(order.map(i => result.sets[i]))
      const site = index.lists.site || {}
      await citeFormat()
      const accessed = window.ArchiveCite ? window.ArchiveCite.today() : new Date().toISOString().slice(0, 10)
      const rows = []
      for (const [k, i] of order.entries()) {  // one at a time: citations are rendered by the CSL processor
        const doc = result.docs[i]
        const turn = index.describe(doc, stored.get(doc), stored.get(index.start[index.briefingOf(doc)]), [result.codes[i]])
        rows.push(await row(index, turn, sets[k], site, accessed))
        if (k % 200 === 199) {
          status.textContent = ` Citing ${plural(docs.length, "turn")}… ${Math.floor(100 * (k + 1) / docs.length)} %`
          await new Promise(resolve => setTimeout(resolve, 0))
        }
      }
      const about = { query: Q.toParams({ ...state, page: 1 }), site: site.name || "", made: accessed, columns: Q.COLUMNS }
      const text = kind === "csv" ? Q.toCSV(rows) : Q.toJSON(rows, about)
      const blob = new Blob([kind === "csv" ? "\ufeff" + text : text], { type: kind === "csv" ? "text/csv" : "application/json" })
      const link = el("a", { href: URL.createObjectURL(blob), download: Q.fileName(state, kind), hidden: true })
      document.body.append(link)
      link.click()
      setTimeout(() => { URL.revokeObjectURL(link.href); link.remove() }, 1000)
      status.textContent = ` ${plural(rows.length, "turn")} exported as ${kind.toUpperCase()}.`
    } catch (error) {
      status.textContent = ` The export failed: ${error && error.message || error}`
    } finally {
      buttons.forEach(b => { b.disabled = false })
    }
  }

  /* The cite dialog's formatter (assets/cite-format.js), loaded by the first export only: the page
   * itself has no turns to cite. A script element, so that it loads from file:// too. */
  let citeLoading = null
  function citeFormat() {
    if (window.ArchiveCite) return Promise.resolve()
    if (!citeLoading) {
      citeLoading = new Promise(resolve => {
        const script = document.createElement("script")
        script.src = new URL("assets/cite-format.js", siteRoot).href
        script.onload = resolve
        script.onerror = () => { citeLoading = null; resolve() }  // rows without citations; a later export retries
        document.head.append(script)
      })
    }
    return citeLoading
  }

  /* One exported row; its citation is the cite dialog's Chicago note, from the same CSL item (the index
   * keeps each briefing's shared fields, authors and genres, and each turn's numbers in them). */
  async function row(index, turn, set, site, accessed) {
    const pageUrl = site.url ? site.url.replace(/\/?$/, "/") + turn.location : new URL(turn.location, siteRoot).href
    const who = turn.who ? index.whos.find(w => w.id === turn.who && w.question === turn.question) : null
    let citation = ""
    if (window.ArchiveCite && turn.basis && turn.cited) {
      const data = { ...turn.basis, site: site.name || "", processor: new URL("assets/cite/", siteRoot).href,
        turns: { [turn.anchor]: { name: turn.name, role: turn.role, a: turn.cited[0], g: turn.cited[1] } } }
      const facts = window.ArchiveCite.facts(data, turn.anchor, "", "", pageUrl, accessed)
      citation = await window.ArchiveCite.note(data, facts).catch(() => "")
    }
    return {
      date: turn.date, briefing: turn.title, speaker: turn.name, role: turn.role, type: turn.question ? "question" : "answer",
      reporter: turn.question && who ? who.name : "", outlet: turn.question ? turn.outletName : "",
      topics: set.map(t => index.topics[t].name).join("; "), text: turn.text, permalink: `${pageUrl}#${turn.anchor}`, citation
    }
  }

  /* ------------------------------------------------------------------------ suggestions */

  const FIELD_TOKEN = /(^|\s)(-?)([a-z]+):("?)([^"\s]*)$/i
  let options = [], active = -1

  async function suggestions() {
    const caret = ui.input.selectionStart ?? ui.input.value.length
    const before = ui.input.value.slice(0, caret)
    const m = FIELD_TOKEN.exec(before)
    let items = []
    if (m && Q.FIELDS.includes(m[3].toLowerCase())) {
      const field = m[3].toLowerCase()
      const value = m[5]
      const start = caret - m[0].length + m[1].length
      if (field === "role") items = Q.ROLES.filter(r => r.startsWith(value.toLowerCase())).map(r => ({ label: r, text: `${field}:${r}`, start }))
      else if (Q.LISTS.includes(field)) {
        const index = await openIndex()
        items = Q.complete(value, S.choices(index, field)).map(c => ({ label: c.name, detail: c.count ? plural(c.count, "turn") : "",
          text: `${field}:${c.id}`, start }))
      }
    } else {
      const word = /(^|\s)([a-z]{2,})$/i.exec(before)
      if (word) {
        const start = caret - word[2].length
        items = Q.FIELDS.filter(f => f.startsWith(word[2].toLowerCase()) && f !== word[2].toLowerCase())
          .map(f => ({ label: `${f}:`, detail: "filter", text: `${f}:`, start, open: true }))
      }
    }
    showOptions(items, caret)
  }

  function showOptions(items, caret) {
    options = items.slice(0, 8).map(item => ({ ...item, caret }))
    active = -1
    ui.suggest.replaceChildren(...options.map((item, i) => el("li", { id: `archive-search-option-${i}`, role: "option",
      "aria-selected": "false", class: "archive-search__option", onmousedown: ev => { ev.preventDefault(); pick(i) } },
      item.label, item.detail ? el("span", { class: "archive-search__option-detail", text: ` ${item.detail}` }) : "")))
    ui.suggest.hidden = !options.length
    ui.input.setAttribute("aria-expanded", String(!!options.length))
    ui.input.removeAttribute("aria-activedescendant")
  }

  function pick(i) {
    const item = options[i]
    if (!item) return
    const value = ui.input.value
    const replaced = value.slice(0, item.start) + item.text + (item.open ? "" : " ")
    ui.input.value = replaced + value.slice(item.caret).replace(/^\S*\s?/, "")
    ui.input.setSelectionRange(replaced.length, replaced.length)
    showOptions([], 0)
    if (item.open) suggestions()
  }

  function move(step) {
    if (!options.length) return
    active = (active + step + options.length) % options.length
    ui.suggest.querySelectorAll("li").forEach((li, i) => li.setAttribute("aria-selected", String(i === active)))
    ui.input.setAttribute("aria-activedescendant", `archive-search-option-${active}`)
  }

  ui.input.addEventListener("input", () => { suggestions().catch(() => showOptions([], 0)) })
  ui.input.addEventListener("focus", () => { openIndex().catch(() => {}) })
  ui.input.addEventListener("blur", () => setTimeout(() => showOptions([], 0), 150))
  ui.input.addEventListener("keydown", ev => {
    if (ev.key === "ArrowDown" && options.length) { ev.preventDefault(); move(1) }
    else if (ev.key === "ArrowUp" && options.length) { ev.preventDefault(); move(-1) }
    else if (ev.key === "Escape" && options.length) { ev.preventDefault(); showOptions([], 0) }
    else if ((ev.key === "Enter" || ev.key === "Tab") && options.length && active >= 0) { ev.preventDefault(); pick(active) }
  })

  ui.form.addEventListener("submit", ev => {
    ev.preventDefault()
    showOptions([], 0)
    const next = withChange(here(), s => { s.q = ui.input.value.trim() })
    go(href(next), false)
  })

  window.addEventListener("popstate", () => run(false))

  function restore() {
    if (!held) return
    history.replaceState(history.state, "", held)
    held = null
  }

  /* Material's scripts (its bundle: header, search box, palette), held back on this page (type
   * `archive/later`, theme_overrides/main.html) so that they do not take the thread while the first query
   * runs: started, in order, when that query ends (its results and facets drawn, or anyhow), on the reader's
   * first key or touch, or after START_MATERIAL_MS; then given the DOMContentLoaded they missed (Material
   * starts on it) */
  let waiting = !!window.__archiveMaterialLater               /* until Material has started: `go` holds the address */
  let starting = false
  function startMaterial() {
    if (!waiting || starting) return
    if (document.readyState === "loading") {         /* its script tags come after this page's content */
      document.addEventListener("DOMContentLoaded", startMaterial, { once: true })
      return
    }
    starting = true
    const later = [...document.querySelectorAll('script[type="archive/later"]')]
    let left = later.length
    const done = () => {
      waiting = false
      restore()
      window.__archiveMaterialLater = false                      /* held back no more */
    }
    if (!left) return setTimeout(done, 0)
    const started = () => {
      if (--left) return
      document.dispatchEvent(new Event("DOMContentLoaded"))
      setTimeout(done, 0)
    }
    for (const kept of later) {
      const script = document.createElement("script")
      script.src = kept.src
      script.async = false                                       /* run in order, as they were written */
      script.onload = script.onerror = started
      kept.replaceWith(script)
    }
  }
  if (waiting) {
    for (const type of ["keydown", "pointerdown", "touchstart"]) addEventListener(type, startMaterial, { capture: true, once: true })
    setTimeout(startMaterial, START_MATERIAL_MS)
  }

  openIndex().catch(() => {})
  run(false).finally(startMaterial)
  if (held && !waiting) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => setTimeout(restore, 0))
    else setTimeout(restore, 0)
  }
})()
