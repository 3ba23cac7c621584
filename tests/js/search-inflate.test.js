// The search engine's own inflate (theme_overrides/assets/javascripts/archive-search-core.js `unzlib`), which
// reads the index's text blocks in the browser, against Node's zlib: stored, fixed and dynamic Huffman
// blocks, long matches and a stream of several blocks. Run by tests/test_js.py.
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const zlib = require("node:zlib")
const S = require("../../theme_overrides/assets/javascripts/archive-search-core.js")

const same = (text, options) => {
  const data = Buffer.from(text, "utf8")
  const packed = new Uint8Array(zlib.deflateSync(data, options))
  assert.equal(Buffer.from(S.unzlib(packed)).toString("utf8"), text)
}

test("inflate reads what zlib wrote, whatever its blocks", () => {
  same("")
  same("a")
  same("MS. PSAKI: Thanks, everyone.", { level: 0 })                     // stored
  same("MS. PSAKI: Thanks, everyone.", { strategy: zlib.constants.Z_FIXED })
  const turns = JSON.stringify(Array.from({ length: 8 }, (_, i) =>
    ["#t" + i, "MS. JEAN-PIERRE:", "Inflation is — «très» important ".repeat(i + 3) + "$1.9 trillion, 24/7 " + i, "Karine Jean-Pierre", "", i & 1, [0, 1]]))
  same(turns)                                                              // dynamic Huffman, matches
  same(turns, { level: 9 })
  same("abc".repeat(5000))                                                 // matches of 258 across 32 KB
  let noise = "", seed = 7
  for (let i = 0; i < 100000; i++) noise += String.fromCharCode(32 + ((seed = (seed * 1103515245 + 12345) % 2147483648) % 95))
  same(noise, { level: 6 })                                                // several blocks, stored ones among them
  same(noise, { level: 1, strategy: zlib.constants.Z_HUFFMAN_ONLY })
})

test("inflate reads a block deflated with a preset dictionary, matches reaching back into it", () => {
  const dictionary = Buffer.from(JSON.stringify([["#t001", "Karine Jean-Pierre — White House Press Secretary",
    "Good afternoon, everybody. The President will travel to Baltimore tomorrow.", "Karine Jean-Pierre"]]), "utf8")
  const text = JSON.stringify([["#t002", "Karine Jean-Pierre — White House Press Secretary",
    "The President will travel to Baltimore tomorrow, as you know. «Très» — 24/7.", "Karine Jean-Pierre"]])
  const packed = new Uint8Array(zlib.deflateSync(Buffer.from(text, "utf8"), { dictionary }))
  assert.ok(packed[1] & 0x20)                                              // the header says: a dictionary
  assert.ok(packed.length < zlib.deflateSync(Buffer.from(text, "utf8")).length / 2)
  assert.equal(Buffer.from(S.unzlib(packed, new Uint8Array(dictionary))).toString("utf8"), text)
  assert.notEqual(Buffer.from(S.unzlib(packed, new Uint8Array(dictionary.length))).toString("utf8"), text)
})

test("inflate says so when the data ends early", () => {
  const packed = new Uint8Array(zlib.deflateSync(Buffer.from("some words to cut short ".repeat(20))))
  assert.throws(() => S.unzlib(packed.subarray(0, packed.length - 12)), /inflate/)
})
