// Unit tests of the search page's pure code (theme_overrides/assets/javascripts/archive-search-query.js):
// query syntax, URL state, dates, names, highlighting, timeline, exports. Run by tests/test_js.py.
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const Q = require("../../theme_overrides/assets/javascripts/archive-search-query.js")

test("words fold like the index: case, accents, dots and apostrophes; split at anything else", () => {
  assert.deepEqual(Q.tokens("Rodríguez's U.S. COVID-19 Ebrard’s"), ["rodriguezs", "us", "covid", "19", "ebrards"])
  assert.deepEqual(Q.tokens("$1.9 trillion"), ["19", "trillion"])
})

test("the stemmer meets a word's plural and its -ed and -ing forms, and leaves other words alone", () => {
  const same = words => assert.equal(new Set(words.map(Q.stem)).size, 1, words.join(" "))
  same(["policy", "policies"])
  same(["vaccine", "vaccines"])
  same(["sanction", "sanctions", "sanctioned"])
  same(["release", "releases", "released", "releasing"])
  same(["plan", "plans", "planned", "planning"])
  const apart = (a, b) => assert.notEqual(Q.stem(a), Q.stem(b), `${a} ${b}`)
  apart("news", "new")
  apart("united", "unit")
  apart("during", "dur")
  apart("evening", "even")
  apart("vaccine", "vaccinated")
  assert.equal(Q.stem("crisis"), "crisis")
  assert.equal(Q.stem("bus"), "bus")
  assert.equal(Q.stem("1990s"), "1990s")
})

test("a query's words, phrases, exclusions and filters", () => {
  const q = Q.parseQuery('inflation "sham referenda" -booster speaker:psaki topic:"public health" from:2021')
  assert.deepEqual(q.words.map(w => w.term), ["inflation"])
  assert.deepEqual(q.phrases.map(p => p.terms), [["sham", "referenda"]])
  assert.deepEqual(q.exclude.map(e => e.terms), [["booster"]])
  assert.deepEqual(q.fields.map(f => [f.name, f.value]), [["speaker", "psaki"], ["topic", "public health"], ["from", "2021"]])
  assert.deepEqual(q.problems, [])
})

test("a hyphenated name or a number split in two is a phrase; a stop word inside a phrase stands for any word", () => {
  assert.deepEqual(Q.parseQuery("Jean-Pierre").phrases.map(p => p.terms), [["jean", "pierre"]])
  assert.deepEqual(Q.parseQuery("COVID-19").phrases.map(p => p.terms), [["covid", "19"]])
  assert.deepEqual(Q.parseQuery('"the state of the union"').phrases.map(p => p.terms), [["state", null, null, "union"]])
  assert.deepEqual(Q.parseQuery("$1.9 trillion").words.map(w => w.term), ["19", "trillion"])
})

test("a name typed as one word is a loose phrase (a turn's speaker holds it too), written back unquoted", () => {
  const typed = Q.parseQuery('Jean-Pierre "Jean-Pierre" debt')
  assert.deepEqual(typed.phrases.map(p => [p.terms, !!p.loose]), [[["jean", "pierre"], true], [["jean", "pierre"], false]])
  assert.equal(Q.unparse(typed), 'debt Jean-Pierre "Jean-Pierre"')
  assert.deepEqual(Q.parseQuery(Q.unparse(typed)).phrases.map(p => !!p.loose), [true, false])
})

test("an unknown filter, or a filter with no value, is a problem and never searched as words", () => {
  const q = Q.parseQuery("speakr:psaki speaker: inflation")
  assert.deepEqual(q.words.map(w => w.term), ["inflation"])
  assert.deepEqual(q.problems.map(p => p.kind), ["field", "empty"])
  assert.match(q.problems[0].text, /Unknown filter “speakr:”/)
  assert.match(q.problems[1].text, /“speaker:” needs a value/)
})

test("URLs and times are phrases of their words, not filters", () => {
  const q = Q.parseQuery("https://example.org 3:30")
  assert.deepEqual(q.problems, [])
  assert.deepEqual(q.phrases.map(p => p.terms), [["https", "exampleorg"], ["3", "30"]])
})

test("a very long query is cut, with a message; regex and HTML characters are only separators", () => {
  const q = Q.parseQuery("inflation ".repeat(300))
  assert.equal(q.problems[0].kind, "long")
  assert.match(q.problems[0].text, /3,000 characters long; the first 1,000 were searched/)
  const odd = Q.parseQuery("(.*)+[a-z]{2}\\ <script>alert(1)</script> $^|?")
  assert.deepEqual(odd.phrases.map(p => p.terms), [["z", "2"], ["script", "alert", "1", "script"]])
  assert.deepEqual(odd.words, [])
  assert.deepEqual(odd.problems, [])
  const many = Q.parseQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(" "))
  assert.equal(many.words.length, Q.MAX_TERMS)
  assert.equal(many.problems[0].kind, "terms")
})

test("dates: a year, a month or a day, as the first or last day they cover; impossible ones refused", () => {
  assert.deepEqual(Q.parseDate("2021", "from"), { date: "2021-01-01" })
  assert.deepEqual(Q.parseDate("2021", "to"), { date: "2021-12-31" })
  assert.deepEqual(Q.parseDate("2024-02", "to"), { date: "2024-02-29" })
  assert.deepEqual(Q.parseDate("2021-3-5", "from"), { date: "2021-03-05" })
  assert.match(Q.parseDate("2021-13", "from").error, /no month 13/)
  assert.match(Q.parseDate("2021-02-30", "from").error, /February 2021 has 28 days/)
  assert.match(Q.parseDate("yesterday", "from").error, /not a date/)
})

test("URL state: repeatable filters, defaults left out, bad values dropped with a message", () => {
  const state = Q.fromParams(new URLSearchParams("q=inflation&speaker=jen-psaki&speaker=karine-jean-pierre&topic=economy" +
    "&from=2021-01-01&to=2021-12-31&sort=newest&page=2"))
  assert.deepEqual(state.speaker, ["jen-psaki", "karine-jean-pierre"])
  assert.equal(state.sort, "newest")
  assert.equal(Q.toParams(state), "q=inflation&speaker=jen-psaki&speaker=karine-jean-pierre&topic=economy" +
    "&from=2021-01-01&to=2021-12-31&sort=newest&page=2")
  const bad = Q.fromParams(new URLSearchParams("speaker=<script>alert(1)</script>&from=2021-13&sort=best&page=x&role=boss"))
  assert.deepEqual(bad.speaker, [])
  assert.equal(bad.from, "")
  assert.deepEqual(bad.problems.map(p => p.field), ["speaker", "from", "sort", "page", "role"])
  assert.equal(bad.problems[0].value, "<script>alert(1)</script>")
  assert.equal(Q.toParams(bad), "")
})

test("to before from: both dates left out, with a message", () => {
  const state = Q.fromParams(new URLSearchParams("from=2022&to=2021-06"))
  assert.equal(state.from, "")
  assert.equal(state.to, "")
  assert.match(state.problems[0].text, /“to 2021-06” is before “from 2022”/)
  assert.equal(Q.fromParams(new URLSearchParams("from=2021-06&to=2021-06")).problems.length, 0)
})

const PEOPLE = [
  { id: "jen-psaki", name: "Jen Psaki", count: 17568 },
  { id: "ms-psaki", name: "MS. PSAKI", count: 3 },
  { id: "karine-jean-pierre", name: "Karine Jean-Pierre", count: 23716 },
  { id: "andres-manuel-lopez-obrador", name: "Andrés Manuel López Obrador", count: 40 }
]

test("names: an id, or every word starting a word of the name; the one with most turns first", () => {
  assert.deepEqual(Q.resolve("psaki", PEOPLE).ids, ["jen-psaki"])
  assert.deepEqual(Q.resolve("psaki", PEOPLE).also.map(p => p.id), ["ms-psaki"])
  assert.deepEqual(Q.resolve("jean-pierre", PEOPLE).ids, ["karine-jean-pierre"])
  assert.deepEqual(Q.resolve("lopez obrador", PEOPLE).ids, ["andres-manuel-lopez-obrador"])
  assert.deepEqual(Q.resolve("López", PEOPLE).ids, ["andres-manuel-lopez-obrador"])
})

test("an unknown name gets the nearest names as suggestions (did you mean)", () => {
  const found = Q.resolve("psaky", PEOPLE)
  assert.deepEqual(found.ids, [])
  assert.equal(found.suggestions[0].id, "jen-psaki")
  assert.deepEqual(Q.resolve("zzzzzzzz", PEOPLE).suggestions, [])
  assert.deepEqual(Q.complete("ka", PEOPLE).map(p => p.id), ["karine-jean-pierre"])
})

test("highlighting: words by their folded form, phrases only where they stand together", () => {
  const text = "Inflation, inflation: the sham referenda were a sham vote on referenda."
  const ranges = Q.matches(text, new Set(["inflation"]), [["sham", "referenda"]])
  assert.deepEqual(ranges.map(([a, b]) => text.slice(a, b)), ["Inflation", "inflation", "sham", "referenda"])
  const accents = Q.matches("Rodríguez and U.S. policy", new Set(["rodriguez", "us"]), [])
  assert.deepEqual(accents.map(([a, b]) => "Rodríguez and U.S. policy".slice(a, b)), ["Rodríguez", "U.S"])
})

test("a snippet is text pieces around the first match, never HTML", () => {
  const text = "<b>x</b> " + "word ".repeat(100) + "fentanyl " + "word ".repeat(100)
  const pieces = Q.snippet(text, Q.matches(text, new Set(["fentanyl"]), []), 120)
  assert.equal(pieces[0].text, "… ")
  assert.ok(pieces.some(p => p.mark && p.text === "fentanyl"))
  assert.ok(pieces.map(p => p.text).join("").length < 140)
  assert.deepEqual(Q.snippet("<b>bold</b>", [], 100), [{ text: "<b>bold</b>", mark: false }])
})

test("a snippet starts and ends at a paragraph break as at a space, never inside a word", () => {
  const text = "x".repeat(30) + "\nalpha beta gamma\nfentanyl " + "y".repeat(60) + "\n" + "z".repeat(60)
  const shown = Q.snippet(text, Q.matches(text, new Set(["fentanyl"]), []), 60).map(p => p.text).join("")
  assert.equal(shown, "… alpha beta gamma\nfentanyl …")
})

test("timeline: a bar per month over a short range, per year over a long one", () => {
  const months = Q.timeline({ "2021-01": 3, "2021-03": 1 }, "2021-01", "2021-04")
  assert.equal(months.unit, "month")
  assert.deepEqual(months.bars.map(b => [b.key, b.count]), [["2021-01", 3], ["2021-02", 0], ["2021-03", 1], ["2021-04", 0]])
  assert.equal(months.bars[0].label, "January 2021")
  const years = Q.timeline({ "2017-05": 2, "2021-01": 3, "2021-12": 1 }, "2017-05", "2021-12")
  assert.equal(years.unit, "year")
  assert.deepEqual(years.bars.map(b => [b.key, b.count]), [["2017", 2], ["2018", 0], ["2019", 0], ["2020", 0], ["2021", 4]])
})

test("CSV: spreadsheet formulas cannot run from a cell; quotes, commas and line breaks are quoted", () => {
  assert.equal(Q.csvCell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"")
  assert.equal(Q.csvCell("+1"), "'+1")
  assert.equal(Q.csvCell("-2"), "'-2")
  assert.equal(Q.csvCell("@SUM(A1)"), "'@SUM(A1)")
  assert.equal(Q.csvCell("plain"), "plain")
  assert.equal(Q.csvCell("a, b\nc"), "\"a, b\nc\"")
  const csv = Q.toCSV([{ date: "2021-03-11", text: "=1+1", speaker: "Jen Psaki" }])
  assert.equal(csv.split("\r\n")[0], Q.COLUMNS.join(","))
  assert.match(csv.split("\r\n")[1], /^2021-03-11,,Jen Psaki,.*'=1\+1/)
})

test("JSON export and file names", () => {
  const data = JSON.parse(Q.toJSON([{ date: "2021-03-11" }], { query: "q=x" }))
  assert.equal(data.count, 1)
  assert.equal(data.query, "q=x")
  assert.equal(Q.fileName({ q: "Inflation <b>", speaker: ["jen-psaki"], reporter: [], outlet: [], topic: [], kind: [],
    from: "2021", to: "" }, "csv"), "search-inflation-b-jen-psaki-2021.csv")
})

test("slugs are the generator's: ids of names the index leaves out", () => {
  assert.equal(Q.slugify("Antony J. Blinken"), "antony-j-blinken")
  assert.equal(Q.slugify("Andrés Manuel López Obrador"), "andres-manuel-lopez-obrador")
  assert.equal(Q.slugify("MR. SULLIVAN"), "mr-sullivan")
  assert.equal(Q.slugify("L.A. Times"), "l-a-times")
})
