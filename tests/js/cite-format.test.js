// Unit tests of the citation formatting (theme_overrides/assets/cite-format.js) with the processor and the
// style files the site ships (generator/site/vendor/), without a browser. Run by tests/test_js.py.
//
// Expected strings are written from the manuals, for a transcript published online by the White House and
// kept in an archive: APA = Publication Manual of the APA, 7th ed.; CMOS = Chicago Manual of Style, 17th
// ed.; MLA = MLA Handbook, 9th ed. Sections are named where each rule is seen.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const cite = require("../../theme_overrides/assets/cite-format.js");

const VENDOR = path.join(__dirname, "..", "..", "generator", "site", "vendor");
const read = (name) => fs.readFileSync(path.join(VENDOR, name), "utf8");
cite.useProcessor(require(path.join(VENDOR, "citeproc", "citeproc_commonjs.js")), {
  apa: read("csl/apa.csl"), chicago: read("csl/chicago-notes-bibliography-17th-edition.csl"),
  mla: read("csl/modern-language-association.csl"), locale: read("csl/locales-en-US.xml"),
});

const SLUG = "2021-02-04-press-briefing";
const URL = `https://briefings.example.org/briefings/${SLUG}.html`;
const DAY = { "date-parts": [[2021, 2, 4]] };
const DATA = {
  url: URL, public: true, site: "Briefing Archive", processor: "",
  item: { type: "document", title: "Press briefing by Press Secretary Jen Psaki", "event-place": "Washington, DC",
          publisher: "The White House", issued: DAY, archive: "Briefing Archive" },
  key: `${SLUG}-`, authors: [], genres: ["transcript"], turns: {},
};
function turn(anchor, author, genre) {
  DATA.authors.push([author]);
  if (genre) DATA.genres.push(genre);
  DATA.turns[anchor] = { name: "", a: DATA.authors.length - 1, g: genre ? DATA.genres.length - 1 : 0 };
}
turn("t001", { family: "Blinken", given: "Antony J." });
turn("t002", { family: "Biden", given: "Joseph R.", suffix: "Jr." });
turn("t003", { family: "Broek", given: "Hans", "non-dropping-particle": "van den" });
turn("t004", { family: "Gaulle", given: "Charles", "non-dropping-particle": "de" });
turn("t005", { family: "Salman", given: "Mohammed", "non-dropping-particle": "bin" });
turn("t006", { family: "Jean-Pierre", given: "Karine" });
turn("t007", { family: "Lula" });
turn("t008", { literal: "MR. SULLIVAN" });
turn("t009", { literal: "Senior Administration Official" });
turn("t010", { literal: "U.S. Department of State" });
turn("t011", { family: "Wilkinson", given: "Tracy" }, "transcript of question by Los Angeles Times reporter");
turn("t012", { family: "Ebrard", given: "Marcelo" }, "transcript of interpreted remarks");

async function cited(anchor, quote) {
  const out = await cite.styles(DATA, cite.facts(DATA, anchor, quote || "", "", URL, "2030-01-02"));
  return Object.fromEntries(out.map(([key, , text]) => [key, text]));
}

// The parts every entry shares, for a transcript published on a website: CMOS 14.206 (web content: title in
// quotation marks, a description, the publisher, the date, the URL), 6.9 (commas and periods inside
// closing quotation marks), 14.12 (no access date for a dated source). APA 6.17 and 9.19 (title in sentence
// case; its italics are lost in plain text), 9.21 (description in square brackets), 9.29 (publisher), 9.16
// (no retrieval date for an archived page). MLA 5.21 (title in quotation marks, title case), 5.106-109
// (description after the title), 5.67 (publisher), 5.68-83 (date), 5.84-99 (location: the URL). The
// archive that keeps the copy is named where each style file prints `archive`, after the publisher.
const TITLE_CMOS = "\u201cPress Briefing by Press Secretary Jen Psaki";
const NOTE = (who, anchor, what = "transcript") =>
  `${who}, ${TITLE_CMOS},\u201d ${what}, The White House, February 4, 2021, Briefing Archive, ${URL}#${anchor}.`;
const BIB = (who, anchor, what = "Transcript") =>
  `${who}. ${TITLE_CMOS}.\u201d ${what}. The White House, February 4, 2021. Briefing Archive. ${URL}#${anchor}.`;
const APA = (who, anchor, what = "Transcript") =>
  `${who} (2021, February 4). Press briefing by Press Secretary Jen Psaki [${what}]. The White House. ` +
  `Briefing Archive. ${URL}#${anchor}`;
const MLA = (who, anchor, what = "Transcript") =>
  `${who}. ${TITLE_CMOS}.\u201d ${what}. The White House, 4 Feb. 2021, Briefing Archive, ${URL}#${anchor}.`;

const CASES = [
  // A middle initial: CMOS ch. 14 gives names as the person writes them, not reduced to initials; APA 9.8
  // (initials of given names).
  ["t001", "a middle initial", "Antony J. Blinken", "Blinken, Antony J", "Blinken, A. J.", "Blinken, Antony J"],
  // A suffix: CMOS 6.43 (no comma before Jr. in running order; inverted: "Biden, Joseph R., Jr."); APA 9.8
  // ("Biden, J. R., Jr."); MLA ch. 5, author (the suffix after the given name, set off by a comma).
  ["t002", "a suffix (Jr.)", "Joseph R. Biden Jr.", "Biden, Joseph R., Jr", "Biden, J. R., Jr.", "Biden, Joseph R., Jr"],
  // Particles: CMOS 8.5 (a lower-case particle follows the given name when inverted: "Broek, Hans van
  // den", "Gaulle, Charles de"); APA 9.8 and MLA keep it with the surname as the person writes it.
  ["t003", "a particle (van den)", "Hans van den Broek", "Broek, Hans van den", "van den Broek, H.", "van den Broek, Hans"],
  ["t004", "a particle (de)", "Charles de Gaulle", "Gaulle, Charles de", "de Gaulle, C.", "de Gaulle, Charles"],
  ["t005", "a particle (bin)", "Mohammed bin Salman", "Salman, Mohammed bin", "bin Salman, M.", "bin Salman, Mohammed"],
  // A hyphenated surname stays whole (APA 9.8; CMOS and MLA alike).
  ["t006", "a hyphenated surname", "Karine Jean-Pierre", "Jean-Pierre, Karine", "Jean-Pierre, K.", "Jean-Pierre, Karine"],
  // A one-word name is given as it is (APA 9.8: "Plato."; CMOS and MLA alike).
  ["t007", "a one-word name", "Lula", "Lula", "Lula.", "Lula"],
  // A label nobody resolved, an anonymous official and an organisation are cited as written, never split
  // into family and given names: APA 9.11 (group author); CMOS ch. 14 (organisation as author, a
  // descriptive phrase for an unnamed one); MLA ch. 5, author (organisation, pseudonym or description).
  ["t008", "an unresolved label", "MR. SULLIVAN", "MR. SULLIVAN", "MR. SULLIVAN.", "MR. SULLIVAN"],
  ["t009", "an anonymous official", "Senior Administration Official", "Senior Administration Official",
   "Senior Administration Official.", "Senior Administration Official"],
  ["t010", "an organisation as author", "U.S. Department of State", "U.S. Department of State",
   "U.S. Department of State.", "U.S. Department of State"],
];

for (const [anchor, what, note, bib, apa, mla] of CASES) {
  test(`every style cites ${what} as the manuals write it`, async () => {
    const out = await cited(anchor);
    assert.equal(out.chicago, NOTE(note, anchor));
    assert.equal(out["chicago-bib"], BIB(bib, anchor));
    assert.equal(out.apa, APA(apa, anchor));
    assert.equal(out.mla, MLA(mla, anchor));
  });
}

test("a reporter's question names the reporter as author and the outlet in the description", async () => {
  // APA 9.21, MLA 5.106-109, CMOS 14.206: a description of the source after its title, in brackets in APA.
  const out = await cited("t011");
  const what = "transcript of question by Los Angeles Times reporter";
  assert.equal(out.chicago, NOTE("Tracy Wilkinson", "t011", what));
  assert.equal(out["chicago-bib"], BIB("Wilkinson, Tracy", "t011", "Transcript of question by Los Angeles Times reporter"));
  assert.equal(out.apa, APA("Wilkinson, T.", "t011", "Transcript of question by Los Angeles Times reporter"));
  assert.equal(out.mla, MLA("Wilkinson, Tracy", "t011", "Transcript of question by Los Angeles Times reporter"));
});

test("an interpreted turn says so in every style", async () => {
  const out = await cited("t012");
  assert.equal(out.chicago, NOTE("Marcelo Ebrard", "t012", "transcript of interpreted remarks"));
  assert.equal(out.apa, APA("Ebrard, M.", "t012", "Transcript of interpreted remarks"));
  assert.equal(out.mla, MLA("Ebrard, Marcelo", "t012", "Transcript of interpreted remarks"));
  assert.match(cite.bibtex(cite.item(DATA, cite.facts(DATA, "t012", "", "", URL, ""))),
    /howpublished = \{Transcript of interpreted remarks, The White House, Washington, DC\}/);
});

const QUOTE = "We\u2019re ready, and we\u2019ll act \u2013 together.";
const QUOTE_URL = `${URL}#t001:~:text=We%E2%80%99re%20ready%2C%20and%20we%E2%80%99ll%20act%20%E2%80%93%20together%2E`;

test("a quote is the quote and the turn's citation, its full stop never doubled", async () => {
  // APA 8.26 and MLA 6.41: the sentence's period after the in-text citation, none inside the quotation
  // marks; CMOS 6.9: the period inside them. The quote is never part of the entry; the entry's URL is the
  // quote's link, its text fragment's final full stop escaped so that the entry's own is not taken for it.
  const out = await cited("t001", QUOTE);
  const quote = "\u201cWe\u2019re ready, and we\u2019ll act \u2013 together";
  assert.equal(out.apa, `${quote}\u201d (Blinken, 2021).\n\n` + APA("Blinken, A. J.", "t001").replace(`${URL}#t001`, QUOTE_URL));
  assert.equal(out.mla, `${quote}\u201d (Blinken).\n\n` + MLA("Blinken, Antony J", "t001").replace(`${URL}#t001`, QUOTE_URL));
  assert.equal(out.chicago, `${quote}.\u201d\n\n` + NOTE("Antony J. Blinken", "t001").replace(`${URL}#t001`, QUOTE_URL));
  assert.equal(out["chicago-bib"], BIB("Blinken, Antony J", "t001").replace(`${URL}#t001`, QUOTE_URL));
  for (const text of Object.values(out)) assert.doesNotMatch(text, /\.\./);
});

test("a quote ending in a question mark keeps it inside the quotation marks", async () => {
  const out = await cited("t001", "Are we ready?");
  assert.match(out.apa, /^\u201cAre we ready\?\u201d \(Blinken, 2021\)\.\n\n/);
  assert.match(out.chicago, /^\u201cAre we ready\?\u201d\n\n/);
});

test("double quotation marks inside a quote become single ones", () => {
  assert.equal(cite.quoted("He said \u201cno\u201d, then \"yes\"."), "He said \u2018no\u2019, then \u2018yes\u2019");
});

test("BibTeX: key from slug and anchor, von Last, Jr, First, title's capitals protected, no access date", () => {
  const entry = cite.bibtex(cite.item(DATA, cite.facts(DATA, "t002", "", "", URL, "")));
  assert.equal(entry, `@misc{${SLUG}-t002,
  author = {Biden, Jr., Joseph R.},
  title = {Press briefing by {Press} {Secretary} {Jen} {Psaki}},
  howpublished = {Transcript, The White House, Washington, DC},
  year = {2021},
  month = feb,
  date = {2021-02-04},
  note = {Briefing Archive},
  url = {${URL}#t002}
}`);
  const particle = cite.bibtex(cite.item(DATA, cite.facts(DATA, "t003", "", "", URL, "")));
  assert.match(particle, /author = \{van den Broek, Hans\}/);
  const literal = cite.bibtex(cite.item(DATA, cite.facts(DATA, "t009", "", "", URL, "")));
  assert.match(literal, /author = \{\{Senior Administration Official\}\}/);
});

test("BibTeX escapes TeX's special characters and leaves no brace open", () => {
  const it = cite.item(DATA, cite.facts(DATA, "t008", "", "", URL, ""));
  it.author = [{ literal: "MR {PRICE}_#1 \\ ~" }];
  it.title = "Q&A: 100% {tariffs}, $5";
  const entry = cite.bibtex(it);
  assert.match(entry, /author = \{\{MR \\textbraceleft\{\}PRICE\\textbraceright\{\}\\_\\#1 \\textbackslash\{\} \\textasciitilde\{\}\}\}/);
  assert.match(entry, /title = \{Q\\&A: 100\\% \\textbraceleft\{\}tariffs\\textbraceright\{\}, \\\$5\}/);
  let depth = 0;
  for (const c of entry.replace(/\\[{}]/g, "")) { depth += c === "{" ? 1 : c === "}" ? -1 : 0; assert.ok(depth >= 0); }
  assert.equal(depth, 0);
});

test("CSL-JSON is the turn's item: one valid item, its key, the permalink as URL, no access date", async () => {
  const items = JSON.parse((await cited("t002")).csl);
  assert.equal(items.length, 1);
  assert.deepEqual(items[0], {
    id: `${SLUG}-t002`, "citation-key": `${SLUG}-t002`, type: "document",
    author: [{ family: "Biden", given: "Joseph R.", suffix: "Jr." }],
    title: "Press briefing by Press Secretary Jen Psaki", genre: "transcript",
    "event-place": "Washington, DC", publisher: "The White House", issued: DAY, archive: "Briefing Archive",
    URL: `${URL}#t002`,
  });
});

test("a quote's entry has a key of its own, the same for the same words", () => {
  const key = (quote) => cite.item(DATA, cite.facts(DATA, "t001", quote, "", URL, ""))["citation-key"];
  assert.match(key(QUOTE), new RegExp(`^${SLUG}-t001-q[0-9a-f]{8}$`));
  assert.equal(key(QUOTE), key(QUOTE));
  assert.notEqual(key(QUOTE), key("We\u2019re ready"));
});

test("the dialog says when permalinks are not public yet", () => {
  assert.match(cite.notice({ public: false }), /not public yet/);
  assert.equal(cite.notice({ public: true }), "");
});

test("A quote's link holds its text fragment, a long quote as start and end words", () => {
  assert.equal(cite.fragmentText("we agreed", ""), "we%20agreed");
  assert.equal(cite.fragmentText("we-agreed", "said"), "said-,we%2Dagreed");
  assert.equal(cite.fragmentText("we agreed (twice).", ""), "we%20agreed%20(twice%29%2E");
  const long = "one two three four five six seven eight nine ten eleven";
  assert.deepEqual(cite.fragmentTerms(long), { start: "one two three four", end: "eight nine ten eleven" });
});
