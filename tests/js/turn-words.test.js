// Unit tests of how an offline briefing page rebuilds a turn's paragraphs from the search index's stored turn
// (theme_overrides/assets/turn-words.js), without a browser. Run by tests/test_js.py; tests/test_offline.py
// holds every bundled page, once filled in Chromium, to the public site's page.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const words = require("../../theme_overrides/assets/turn-words.js");

const plain = text => ({ text, stage: false });
const stage = text => ({ text, stage: true });

test("a stored turn's lines are its paragraphs", () => {
  assert.deepEqual(words.paragraphs(["#t001", "Jen Psaki", "Good afternoon.\nTwo things.", "", "", 0, [0, 0]], ""), [
    { interpreted: false, parts: [plain("Good afternoon.")] },
    { interpreted: false, parts: [plain("Two things.")] }
  ]);
});

test("stage directions are set apart where the layout says, in their paragraph", () => {
  const entry = ["#t004", "Dr. Fauci", "No, I don't think so.\n(Laughter.)\nYes (inaudible) and no (Laughter.)", "", "", 0, [0, 0],
    null, null, [[], [1, 0, 11, 2, 4, 15, 2, 23, 34]]];
  assert.deepEqual(words.paragraphs(entry, ""), [
    { interpreted: false, parts: [plain("No, I don't think so.")] },
    { interpreted: false, parts: [stage("(Laughter.)")] },
    { interpreted: false, parts: [plain("Yes "), stage("(inaudible)"), plain(" and no "), stage("(Laughter.)")] }
  ]);
});

test("the interpreter badge's words are not a paragraph's; interpreted paragraphs are marked", () => {
  const entry = ["#t002", "Marcelo Ebrard", "Partly via interpreter Thank you.\nGracias.", "", "", 2, [0, 0],
    "briefings/x.html", "Title", [[1], []]];
  assert.deepEqual(words.paragraphs(entry, "Partly via interpreter"), [
    { interpreted: false, parts: [plain("Thank you.")] },
    { interpreted: true, parts: [plain("Gracias.")] }
  ]);
});

test("a stage direction's place counts an emoji as two, as JavaScript does (search_index.layout)", () => {
  const entry = ["#t009", "Q", "Thanks \u{1F600} (Laughter.) ok", "", "", 1, [0, 0], null, null, [[], [0, 10, 21]]];
  assert.deepEqual(words.paragraphs(entry, "")[0].parts, [plain("Thanks \u{1F600} "), stage("(Laughter.)"), plain(" ok")]);
});

test("markup in a transcript stays text", () => {
  const [paragraph] = words.paragraphs(["#t001", "Q", "<script>alert(1)</script> &amp;", "", "", 1, [0, 0]], "");
  assert.deepEqual(paragraph.parts, [plain("<script>alert(1)</script> &amp;")]);
});
