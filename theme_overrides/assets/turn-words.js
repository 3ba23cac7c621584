/* A briefing page of the offline bundle: its turns' words, put back in place from the search index's text blocks.
 *
 * The bundle's briefing pages hold every turn's heading, topic chips, interpreter badge and answer links but not
 * its words (generator/site/offline_page.py): those are in the search index's text-block scripts, which the page
 * loads right after this script (`__archiveSearch("d<n>", [entry, …])`, eight entries to a block), and
 * `ArchiveTurnWords.fill(first, block)` puts them back, the page's own entry being number `first`. It runs as
 * the page is read, before Material's scripts and the page's others (table of contents, cite dialog), which
 * find the page as the public site has it. A turn's stored text is its paragraphs one to a line, after the
 * interpreter badge's words when it has one; its layout (`search_index.layout`) says which paragraphs were
 * interpreted and where the stage directions stand. Text goes in as text, never as markup.
 *
 * `paragraphs(entry, badge)` has no DOM: tests/js/turn-words.test.js runs it in Node. In the page the functions
 * are `window.ArchiveTurnWords`.
 */
(function (root) {
  "use strict";

  var blocks = {};
  var before = root.__archiveSearch;

  /* A stored turn's paragraphs: `[{interpreted, parts: [{text, stage}]}]`. `badge`: the interpreter badge's
   * words, which the stored text starts with (and a space) when the turn has one. */
  function paragraphs(entry, badge) {
    var text = entry[2];
    if (badge && text.slice(0, badge.length + 1) === badge + " ") text = text.slice(badge.length + 1);
    var layout = entry[9] || [[], []];
    var interpreted = layout[0], stage = layout[1];
    return text.split("\n").map(function (line, n) {
      var parts = [], at = 0;
      for (var k = 0; k < stage.length; k += 3) {
        if (stage[k] !== n) continue;
        if (stage[k + 1] > at) parts.push({ text: line.slice(at, stage[k + 1]), stage: false });
        parts.push({ text: line.slice(stage[k + 1], stage[k + 2]), stage: true });
        at = stage[k + 2];
      }
      if (at < line.length || !parts.length) parts.push({ text: line.slice(at), stage: false });
      return { interpreted: interpreted.indexOf(n) >= 0, parts: parts };
    });
  }

  function element(doc, paragraph) {
    var p = doc.createElement("p");
    if (paragraph.interpreted) p.className = "interpreted";
    paragraph.parts.forEach(function (part) {
      if (!part.stage) {
        p.appendChild(doc.createTextNode(part.text));
        return;
      }
      var em = doc.createElement("em");
      em.className = "stage";
      em.textContent = part.text;
      p.appendChild(em);
    });
    return p;
  }

  /* Where a turn's words go (after its heading, topic chips and badge; before its answer links), and the
   * badge's words */
  function place(heading) {
    var node = heading.nextElementSibling, badge = "";
    for (; node && node.tagName === "P"; node = node.nextElementSibling) {
      var mark = node.querySelector(":scope > em.badge-interpreted");
      if (mark) badge = mark.textContent;
      else if (!node.classList.contains("topic-chips")) break;
    }
    return { at: node, badge: badge };
  }

  function fill(first, block) {
    root.__archiveSearch = before;
    var doc = root.document;
    var headings = doc.querySelectorAll("article h2.turn[id]");
    var missing = 0;
    for (var i = 0; i < headings.length; i++) {
      var n = first + 1 + i, heading = headings[i];
      var entries = blocks["d" + Math.floor(n / block)];
      var entry = entries && entries[n % block];
      if (!entry || entry[0] !== "#" + heading.id) {
        missing++;
        continue;
      }
      var where = place(heading);
      paragraphs(entry, where.badge).forEach(function (paragraph) {
        heading.parentNode.insertBefore(element(doc, paragraph), where.at);
      });
    }
    blocks = {};
    if (missing) {
      var note = doc.createElement("p");
      note.className = "offline-words";
      note.textContent = "The words of " + missing + " turn" + (missing === 1 ? "" : "s") + " of this page did not load: " +
        "this offline copy may be incomplete. The public site has the page whole.";
      headings[0].parentNode.insertBefore(note, headings[0]);
    }
  }

  var api = { fill: fill, paragraphs: paragraphs };
  if (typeof module === "object" && module.exports) module.exports = api;
  else {
    root.__archiveSearch = function (name, data) {
      blocks[name] = data;
    };
    root.ArchiveTurnWords = api;
  }
})(typeof window === "object" ? window : this);
