// Unit tests of a briefing page's table-of-contents entries (theme_overrides/assets/turn-toc.js), without a
// browser. Run by tests/test_js.py; tests/test_browser.py checks the table drawn in a page.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const toc = require("../../theme_overrides/assets/turn-toc.js");

test("a question's entry gives its first eight words, a pleasantry before them left out", () => {
  assert.equal(toc.entryTitle("Question from Zeke Miller", "Thank you, Karine. Two questions on Iran. Is the " +
    "President going to meet the Supreme Leader this year?"),
  "Question from Zeke Miller: Two questions on Iran. Is the President going…");
  assert.equal(toc.entryTitle("Question", "Mr. President? Mr. President, on <b>inflation</b>: is it transitory?"),
    "Question: Mr. President, on <b>inflation</b>: is it transitory?");  // text: the page sets it as text
  assert.equal(toc.entryTitle("Question", "Hi, Jen.  Good   morning. On the border:\n what now?"),
    "Question: On the border: what now?");
});

test("a question of no words is its heading; a pleasantry alone is kept", () => {
  assert.equal(toc.entryTitle("Question from Zeke Miller", "  "), "Question from Zeke Miller");
  assert.equal(toc.entryTitle("Question", "Thank you."), "Question: Thank you.");
});

test("a dot after a title, an initial or an abbreviation ends no sentence", () => {
  assert.deepEqual(toc.sentences("Mr. Kirby, Gen. Milley said so. Did J. Smith? Yes! Done"),
    ["Mr. Kirby, Gen. Milley said so.", "Did J. Smith?", "Yes!", "Done"]);
  assert.deepEqual(toc.sentences("Thanks, Mr. President. On L.A. fires: what?"),
    ["Thanks, Mr. President.", "On L.A. fires: what?"]);
});
