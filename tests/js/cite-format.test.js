// Unit tests of the pure citation formatting (theme_overrides/assets/cite-format.js), without a browser.
// Run by tests/test_js.py (`node --test tests/js/`); the same strings as the browser tests' panel.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const cite = require("../../theme_overrides/assets/cite-format.js");

const TITLE = "U.S.-Mexico High-Level Security Dialogue Joint Press Availability";
const URL = "https://briefings.example.org/briefings/2022-10-13-security-dialogue.html";
const DATA = {
  url: URL, site: "Briefing Archive", title: TITLE, host: "U.S. Department of State", location: "Washington, DC",
  venue: "", date: "2022-10-13", kind: "press availability", slug: "2022-10-13-security-dialogue",
  turns: {
    t002: { name: "Marcelo Ebrard", role: "Foreign Secretary of Mexico", family: "Ebrard", given: "Marcelo",
            question: false, interpreted: true },
    t008: { name: "Tracy Wilkinson", role: "reporter, Los Angeles Times", family: "Wilkinson", given: "Tracy",
            question: true, interpreted: false },
    t009: { name: "MR {PRICE}_#1", role: "", question: false, interpreted: false },
  },
};
const EVENT = `\u201c${TITLE},\u201d U.S. Department of State, Washington, DC, October 13, 2022, Briefing Archive`;

function styles(anchor, quote, prefix) {
  const f = cite.facts(DATA, anchor, quote || "", prefix || "", URL, "2030-01-02");
  return Object.fromEntries(cite.styles(DATA, f).map(([key, , text]) => [key, text]));
}

test("Chicago names an interpreted speaker's role and says 'via interpreter'", () => {
  assert.equal(styles("t002").chicago, `Marcelo Ebrard, Foreign Secretary of Mexico (via interpreter), remarks at ` +
    `${EVENT}, accessed January 2, 2030, ${URL}#t002.`);
});

test("A question is cited as the reporter's, with the outlet after 'reporter'", () => {
  const cited = styles("t008");
  assert.equal(cited.mla, `Wilkinson, Tracy. \u201cQuestion at ${TITLE}.\u201d Reporter, Los Angeles Times, ` +
    `U.S. Department of State, 13 Oct. 2022, Washington, DC. Briefing Archive, ${URL}#t008. Accessed 2 Jan. 2030.`);
  assert.match(cited.apa, /^Wilkinson, T\. \(2022, October 13\)\. Question at /);
});

test("BibTeX escapes TeX's special characters and braces a name that is no person's", () => {
  const entry = styles("t009").bibtex;
  assert.match(entry, /author = \{\{MR \\\{PRICE\\\}\\_\\#1\}\}/);
  assert.match(entry, /^@misc\{mrprice12022t009,/);
});

test("CSL-JSON is one valid item with the permalink as URL", () => {
  const items = JSON.parse(styles("t002").csl);
  assert.equal(items.length, 1);
  assert.equal(items[0].URL, `${URL}#t002`);
  assert.deepEqual(items[0].author, [{ family: "Ebrard", given: "Marcelo" }]);
});

test("A quote's link holds its text fragment, a long quote as start and end words", () => {
  assert.equal(cite.fragmentText("we agreed", ""), "we%20agreed");
  assert.equal(cite.fragmentText("we-agreed", "said"), "said-,we%2Dagreed");
  const long = "one two three four five six seven eight nine ten eleven";
  assert.deepEqual(cite.fragmentTerms(long), { start: "one two three four", end: "eight nine ten eleven" });
  assert.equal(styles("t002", "we agreed").chicago.includes(`${URL}#t002:~:text=we%20agreed.`), true);
});
