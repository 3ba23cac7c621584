// Renders CSL-JSON items as the cite dialog does (theme_overrides/assets/cite-format.js, citeproc-js and the
// style files the site ships), for the Python tests: reads `[item, …]` as JSON on stdin (an entry may be
// `{item, quote}` for a quote from it), writes `[{chicago, "chicago-bib", apa, mla, bibtex}, …]` on stdout.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const cite = require("../theme_overrides/assets/cite-format.js");

const VENDOR = path.join(__dirname, "..", "generator", "site", "vendor");
const read = (name) => fs.readFileSync(path.join(VENDOR, name), "utf8");
cite.useProcessor(require(path.join(VENDOR, "citeproc", "citeproc_commonjs.js")), {
  apa: read("csl/apa.csl"), chicago: read("csl/chicago-notes-bibliography-17th-edition.csl"),
  mla: read("csl/modern-language-association.csl"), locale: read("csl/locales-en-US.xml"),
});

(async () => {
  const items = JSON.parse(fs.readFileSync(0, "utf8"));
  const out = [];
  for (const entry of items) {
    const it = entry.item || entry;
    out.push({ ...(await cite.rendered({}, it, entry.quote || "")), bibtex: cite.bibtex(it) });
  }
  process.stdout.write(JSON.stringify(out));
})();
