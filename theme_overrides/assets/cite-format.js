/* Citation formatting: the part of the cite dialog with no page and no DOM, so that Node's test runner
 * checks it (tests/js/). Used by cite.js in the browser as `window.ArchiveCite`.
 *
 * Every citation comes from one CSL-JSON item per turn, made by the build (generator/site/csl_item.py) and
 * embedded in the page (`data`: the fields the turns share in `data.item`, each turn's own in
 * `data.turns`); here the permalink is added as `URL`. APA, Chicago (note and bibliography) and MLA are
 * rendered from it by citeproc-js with the CSL project's style files, loaded when a dialog first opens
 * (`data.processor`: assets/cite/, generator/site/cite_assets.py); BibTeX and CSL-JSON are written from it.
 *
 * `styles(data, f)` gives, as a Promise, `[[key, label, text], …]` for one turn or quote (`f`, from
 * `facts`). `fragmentText(quote, prefix)` is the `text=` of a quote's link.
 */
(function (root) {
  "use strict";

  /* In the dialog's order: APA first, one Tab from the permalink's Copy (the keyboard journey). */
  var STYLES = [["apa", "APA"], ["chicago", "Chicago (note)"], ["chicago-bib", "Chicago (bibliography)"],
    ["mla", "MLA"], ["bibtex", "BibTeX"], ["csl", "CSL-JSON"]];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var BIB_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
  var NOTICE = "These permalinks are not public yet: this archive's address (site_url) is a placeholder, " +
    "so the links below do not resolve.";

  /* Today in the reader's time zone, as YYYY-MM-DD. */
  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }
  function longDate(iso) {
    var p = iso.split("-");
    return MONTHS[+p[1] - 1] + " " + (+p[2]) + ", " + p[0];
  }

  /* One turn's or quote's facts: the turn's data, the quote, its link. (`accessed` is no longer cited:
   * the source is dated and archived; the argument stays for callers.) */
  function facts(data, anchor, quote, prefix, pageUrl, accessed) {
    return {
      anchor: anchor, turn: turn(data, anchor), quote: quote || "", accessed: accessed,
      url: pageUrl + "#" + anchor + (quote ? ":~:text=" + fragmentText(quote, prefix || "") : "")
    };
  }

  /* A turn's entry: the page lists each distinct entry once (`data.cited`) and gives each turn its index
   * there (generator/site/cite_data.py); an entry given whole is taken as it is. */
  function turn(data, anchor) {
    var entry = data.turns[anchor];
    return typeof entry === "number" ? data.cited[entry] : entry;
  }

  function who(turn, interpreted) {
    return [turn.name, turn.role].filter(Boolean).join(", ") +
      (interpreted && turn.interpreted ? " (via interpreter)" : "");
  }

  /* The dialog's word on permalinks that do not resolve yet (site_url a placeholder), else "". */
  function notice(data) { return data.public ? "" : NOTICE; }

  /* ---- the CSL-JSON item ------------------------------------------------------------------ */

  var ORDER = ["id", "citation-key", "type", "author", "title", "genre", "event-title", "event", "event-place",
    "publisher", "issued", "archive", "URL"];

  /* The turn's item as the build made it (the shared fields, the turn's key, author and genre), with the
   * permalink (a quote's link for a quote) as URL. A quote's key adds a hash of its words: its link
   * differs from the turn's, so it is another entry. */
  function item(data, f) {
    var all = {}, out = {}, key;
    for (key in data.item) all[key] = data.item[key];
    all.id = all["citation-key"] = data.key + f.anchor + (f.quote ? "-q" + hash(f.quote) : "");
    all.author = data.authors[f.turn.a];
    all.genre = data.genres[f.turn.g];
    all.URL = f.url;
    ORDER.concat(Object.keys(all)).forEach(function (k) { if (k in all && !(k in out)) out[k] = all[k]; });
    return out;
  }

  /* CSL-JSON as a list of one item, indented, dates on one line (`[[2022, 10, 13]]`). */
  function cslJson(it) {
    return JSON.stringify([it], null, 2).replace(/\[\s*\[\s*([\d\s,]+?)\s*\]\s*\]/g, function (m, parts) {
      return "[[" + parts.split(/\s*,\s*/).join(", ") + "]]";
    });
  }

  /* FNV-1a over the quote's UTF-16 code units, 8 hex digits: a stable, ASCII key suffix. */
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return ("0000000" + h.toString(16)).slice(-8);
  }

  /* ---- rendering with citeproc-js ----------------------------------------------------------- */

  var loaded = null;   // a Promise of {CSL, xml}, once the processor's files were asked for
  var engines = {};
  var items = {};

  /* Node's tests hand over the processor and the style files; the browser loads them once. */
  function useProcessor(CSL, xml) {
    loaded = Promise.resolve({ CSL: indexMacros(CSL), xml: xml });
    engines = {};
  }

  /* citeproc-js finds a macro by walking the whole style each time the macro is used (7,873 times while
   * it builds APA): an index of the style's macros, made once, gives the same nodes and halves the time
   * the Chicago style takes to build. The processor's file itself is unchanged. */
  function indexMacros(CSL) {
    var proto = CSL.XmlJSON.prototype, walk = proto.getNodesByName;
    if (walk.indexed) return CSL;
    proto.getNodesByName = function (json, name, value, found) {
      if (name !== "macro" || !value || found || json !== this.dataObj) return walk.call(this, json, name, value, found);
      if (!this.macroIndex) {
        var index = this.macroIndex = {};
        walk.call(this, json, "macro").forEach(function (node) {
          (index[node.attrs.name] = index[node.attrs.name] || []).push(node);
        });
      }
      return (this.macroIndex[value] || []).slice();
    };
    proto.getNodesByName.indexed = true;
    return CSL;
  }

  function script(src) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = src;
      el.onload = resolve;
      el.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(el);
    });
  }

  /* citeproc.js and styles.js, as scripts (they load from file:// too, where fetch cannot). */
  function processor(data) {
    if (!loaded) {
      loaded = Promise.all([script(data.processor + "citeproc.js"), script(data.processor + "styles.js")])
        .then(function () { return { CSL: indexMacros(root.ArchiveCiteproc), xml: root.ArchiveCSL }; });
      loaded.catch(function () { loaded = null; });  // a later dialog tries again
    }
    return loaded;
  }

  function nextTask() {
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }

  function engine(csl, style) {
    if (!engines[style]) {
      var sys = {
        retrieveLocale: function () { return csl.xml.locale; },
        retrieveItem: function (id) { return items[id]; }
      };
      engines[style] = new csl.CSL.Engine(sys, csl.xml[style], "en-US", true);
      engines[style].setOutputFormat("text");
    }
    return engines[style];
  }

  /* The style's bibliography entry and its citation (a note in Chicago, in-text in APA and MLA). */
  function render(csl, style, it) {
    var e = engine(csl, style);
    items[it.id] = it;
    e.updateItems([it.id]);
    return {
      entry: e.makeBibliography()[1][0].trim(),
      citation: e.makeCitationCluster([{ id: it.id }])
    };
  }

  /* ---- quotes --------------------------------------------------------------------------- */

  /* A quote as it is put in quotation marks: double quotes inside become single (a quotation within
   * a quotation), and a closing comma, semicolon, colon or full stop is left to the sentence it goes in. */
  function quoted(quote) {
    var q = quote.trim().replace(/[\u201c\u201d]/g, function (c) { return c === "\u201c" ? "\u2018" : "\u2019"; });
    q = q.replace(/(^|[\s(\[])"/g, "$1\u2018").replace(/"/g, "\u2019");
    return q.replace(/[\s.,;:]+$/, "");
  }

  /* A quote with its citation: in APA and MLA the quote and the in-text citation, the sentence's full
   * stop after it (APA 8.26, MLA 6.41), then the reference-list entry; in Chicago the quote (the
   * full stop inside the quotation marks, CMOS 6.9) and the note. A question or exclamation mark
   * ending the quote stays inside it. */
  function withQuote(style, quote, r) {
    var q = quoted(quote), ends = /[?!\u2026]$/.test(q);
    if (style === "chicago") return "\u201c" + q + (ends ? "" : ".") + "\u201d\n\n" + r.citation;
    if (style === "chicago-bib") return r.entry;
    return "\u201c" + q + "\u201d " + r.citation + ".\n\n" + r.entry;
  }

  /* ---- BibTeX and CSL-JSON -------------------------------------------------------------- */

  var TEX = { "\\": "\\textbackslash{}", "{": "\\textbraceleft{}", "}": "\\textbraceright{}",
    "~": "\\textasciitilde{}", "^": "\\textasciicircum{}" };
  /* Text safe in a BibTeX field and in LaTeX: special characters escaped, braces never left open. */
  function tex(text) {
    return String(text || "").replace(/[\\{}&%$#_~^]/g, function (c) { return TEX[c] || "\\" + c; });
  }

  /* A name in BibTeX's `von Last, Jr, First` form; an organisation or label braced whole. */
  function bibName(name) {
    if (name.literal) return "{" + tex(name.literal) + "}";
    var last = [name["dropping-particle"], name["non-dropping-particle"], name.family].filter(Boolean).join(" ");
    return [tex(last), tex(name.suffix), tex(name.given)].filter(Boolean).join(", ");
  }

  /* A sentence-case title for BibTeX: every capitalised word after the first braced, so that styles
   * that lower titles keep its proper nouns. */
  function bibTitle(title) {
    return tex(title).split(" ").map(function (w, i) {
      return i && /[A-Z]/.test(w) ? w.replace(/^(.*?)([,;:]*)$/, "{$1}$2") : w;
    }).join(" ");
  }

  function capitalise(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  /* `@misc` with the fields standard styles print (plain, plainnat, biblatex): no access date, the
   * source being dated and archived. */
  function bibtex(it) {
    var date = it.issued["date-parts"][0];
    var fields = [
      ["author", it.author.map(bibName).join(" and ")],
      ["title", bibTitle(it.title)],
      ["howpublished", tex([capitalise(it.genre || ""), it.publisher, it["event-place"]].filter(Boolean).join(", "))],
      ["year", String(date[0])], ["month", BIB_MONTHS[date[1] - 1]],
      ["date", date.map(function (n, i) { return i ? ("0" + n).slice(-2) : String(n); }).join("-")],
      ["note", tex(it.archive)], ["url", it.URL]
    ].filter(function (kv) { return kv[1]; });
    return "@misc{" + it["citation-key"] + ",\n" + fields.map(function (kv) {
      return "  " + kv[0] + " = " + (kv[0] === "month" ? kv[1] : "{" + kv[1] + "}");
    }).join(",\n") + "\n}";
  }

  /* ---- every style ---------------------------------------------------------------------- */

  /* APA, Chicago (note and bibliography) and MLA for one item, and a quote from it if any: a Promise of
   * `{chicago, "chicago-bib", apa, mla}`. One style per task: building a style's engine takes a second
   * or more the first time, and the page stays responsive between them. */
  function rendered(data, it, quote) {
    return processor(data).then(function (csl) {
      var out = {};
      return ["mla", "apa", "chicago"].reduce(function (done, style) {
        return done.then(nextTask).then(function () {
          var r = render(csl, style, it);
          out[style] = quote ? withQuote(style, quote, r) : style === "chicago" ? r.citation : r.entry;
          if (style === "chicago") out["chicago-bib"] = quote ? withQuote("chicago-bib", quote, r) : r.entry;
        });
      }, Promise.resolve()).then(function () { return out; });
    });
  }

  /* The Chicago note for one turn, as the dialog gives it: a Promise of its text (the search page's export). */
  function note(data, f) {
    var it = item(data, f);
    return processor(data).then(function (csl) { return render(csl, "chicago", it).citation; });
  }

  /* Every style of `STYLES` for one turn or quote: a Promise of `[[key, label, text], …]`. Should the
   * processor fail to load, the CSL styles say so and BibTeX and CSL-JSON are still given. */
  function styles(data, f) {
    var it = item(data, f);
    var own = { bibtex: bibtex(it), csl: cslJson(it) };
    return rendered(data, it, f.quote).then(null, function (error) {
      var out = {};
      ["chicago", "chicago-bib", "apa", "mla"].forEach(function (s) {
        out[s] = "The citation processor could not be loaded (" + error.message + ").";
      });
      return out;
    }).then(function (out) {
      return STYLES.map(function (s) { return [s[0], s[1], s[0] in own ? own[s[0]] : out[s[0]]]; });
    });
  }

  /* ---- text fragments ------------------------------------------------------------------- */

  function encodeFragment(text) {
    return encodeURIComponent(text).replace(/-/g, "%2D");
  }
  /* What a quote is linked by: all of it, or for a long quote its first and last four words.
   * Chromium ends the match at the first `end` after `start`, so that must be the quote's own end. */
  function fragmentTerms(quote) {
    var words = quote.split(" ");
    if (words.length <= 10) return { start: quote, end: "" };
    var start = words.slice(0, 4).join(" "), end = words.slice(-4).join(" ");
    var lower = quote.toLowerCase(), last = end.toLowerCase();
    return lower.indexOf(last, start.length) === lower.length - last.length ? { start: start, end: end }
      : { start: quote, end: "" };
  }

  /* `text=quote` or `text=start,end` (both forms Chromium highlights), after `prefix-,` if any. Marks
   * that `encodeURIComponent` leaves as they are are escaped at the link's end: a link ending in a full
   * stop or a bracket loses it to the sentence around it, in a citation or a chat. */
  function fragmentText(quote, prefix) {
    var terms = fragmentTerms(quote);
    var link = (prefix ? encodeFragment(prefix) + "-," : "") + encodeFragment(terms.start) +
      (terms.end ? "," + encodeFragment(terms.end) : "");
    return link.replace(/[.!~*'()]+$/, function (marks) {
      return marks.replace(/./g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
    });
  }

  /* Text compared as Chromium matches a fragment: case aside, and punctuation between words. */
  function matchable(text) { return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " "); }

  var api = {
    STYLES: STYLES, facts: facts, turn: turn, styles: styles, note: note, who: who, notice: notice, today: today, longDate: longDate,
    item: item, bibtex: bibtex, rendered: rendered, quoted: quoted, useProcessor: useProcessor,
    fragmentTerms: fragmentTerms, fragmentText: fragmentText, matchable: matchable
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ArchiveCite = api;
})(typeof window === "object" ? window : this);
