/* A briefing page's table of contents, drawn from its turns' headings as the page loads.
 *
 * The table lists every turn that answers none (statements, the moderator's calls) and every question, a
 * question with its first words ("Question from Jonathan: On Iran, is the President…"): an answer follows
 * its question, whose entry leads there. Written into each page by the build, the table was 7.9 MB of the
 * 1,137 White House briefing pages (7 KB a page) and said nothing the headings below it do not; drawn here
 * it costs the page nothing. It is the markup Material writes (`partials/toc.html`), put in place before
 * Material's scripts start (this script runs as the page is read, they on DOMContentLoaded), so Material's
 * table works on it as on its own: the entry of the turn being read is marked as the reader scrolls, and on
 * a narrow screen the table opens from the drawer.
 *
 * `entryTitle(heading, words)` has no DOM: tests/js/turn-toc.test.js runs it in Node. In the page the functions are
 * `window.ArchiveTurnToc`.
 */
(function (root) {
  "use strict";

  var WORDS = 8;
  var ABBREVIATION = /(?:\b(?:Mr|Ms|Mrs|Dr|St|Jr|Sr|Gen|Sen|Rep|Lt|Col|Gov|Amb|Adm|Prof|No|Vol)|\b[A-Z])$/;
  var STOP = /[.?!]+["”’)]*\s+/g;
  /* Opening sentences left out of the entry's words (`Thank you, Karine.`, `Hi, Jen.`, `Mr. President?`). */
  var PLEASANTRY = new RegExp("^(?:thanks|thank you|hi|hey|hello|good (?:morning|afternoon|evening)|yes|yeah|okay|" +
    "ok|sure|great|sorry|sir|ma['’]am|mr\\.? president|madam \\w+)\\b[^.!?]{0,30}[.!?]$", "i");

  /* A text's sentences; a dot after `Mr`, an initial or `L.A` does not end one. */
  function sentences(text) {
    var out = [], start = 0, match;
    STOP.lastIndex = 0;
    while ((match = STOP.exec(text)) !== null) {
      if (ABBREVIATION.test(text.slice(start, match.index)) && match[0][0] === "." && match[0].trim().length === 1) {
        continue;
      }
      out.push(text.slice(start, match.index + match[0].length).trim());
      start = match.index + match[0].length;
    }
    if (text.slice(start).trim()) out.push(text.slice(start).trim());
    return out;
  }

  /* A question's entry: its heading, then its first WORDS words, pleasantries before them left out. */
  function entryTitle(heading, words) {
    var opening = sentences(words.split(/\s+/).join(" ").trim());
    while (opening.length > 1 && PLEASANTRY.test(opening[0])) opening.shift();
    var all = opening.join(" ").split(" ").filter(Boolean);
    if (!all.length) return heading;
    return heading + ": " + all.slice(0, WORDS).join(" ") + (all.length > WORDS ? "…" : "");
  }

  /* A heading's words, without its permalink sign. */
  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
    return copy.textContent.trim();
  }

  /* A question's words: its paragraphs up to the next heading, stage directions (and the badge of a turn
   * via interpreter) left out. */
  function questionWords(heading) {
    var words = [];
    for (var el = heading.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) {
      if (el.tagName !== "P" || el.className && el.className !== "interpreted") continue;
      var copy = el.cloneNode(true);
      copy.querySelectorAll("em.stage, em.badge-interpreted").forEach(function (mark) { mark.remove(); });
      words.push(copy.textContent);
    }
    return words.join(" ");
  }

  function draw(document) {
    var nav = document.querySelector(".md-sidebar--secondary nav.md-nav--secondary");
    var turns = document.querySelectorAll("article h2.turn[id]:not(.answer)");
    if (!nav || !turns.length || nav.querySelector("[data-md-component=toc]")) return;
    var label = document.createElement("label");
    label.className = "md-nav__title";
    label.htmlFor = "__toc";
    label.innerHTML = '<span class="md-nav__icon md-icon"></span>';
    label.appendChild(document.createTextNode(nav.getAttribute("aria-label") || "Table of contents"));
    var list = document.createElement("ul");
    list.className = "md-nav__list";
    list.setAttribute("data-md-component", "toc");
    list.setAttribute("data-md-scrollfix", "");
    turns.forEach(function (heading) {
      var title = headingText(heading);
      if (heading.classList.contains("question")) title = entryTitle(title, questionWords(heading));
      var item = document.createElement("li"), link = document.createElement("a");
      item.className = "md-nav__item";
      link.className = "md-nav__link";
      link.href = "#" + heading.id;
      link.textContent = title;
      item.appendChild(link);
      list.appendChild(item);
    });
    nav.appendChild(label);
    nav.appendChild(list);
  }

  var api = { entryTitle: entryTitle, sentences: sentences, headingText: headingText, draw: draw };
  if (typeof module === "object" && module.exports) module.exports = api;
  else {
    root.ArchiveTurnToc = api;  // turn-list.js names the turns with `headingText`
    draw(root.document);
  }
})(typeof window === "object" ? window : this);
