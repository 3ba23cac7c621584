/* Citations: a Cite button on every turn, quote links, and the quote highlight.
 *
 * Reads the page's citation data (<meta id="cite-data" content="{json}">, generator/site/cite_data.py). Permalinks use the
 * public site_url from that data, never the address the page was opened from (file:// in the
 * offline bundle). The access date is the reader's today. Without JavaScript the plain turn
 * anchors (#t012) still work.
 */
(function (cite) {
  "use strict";
  /* The formatting is `window.ArchiveCite`, from cite-format.js; the dialog `window.ArchiveDialog`,
   * from dialog.js (both loaded before this file). */
  var dialogs = window.ArchiveDialog;

  var source = document.getElementById("cite-data");
  if (!source) return;
  var data = JSON.parse(source.getAttribute("content"));
  Object.keys(data.turns).forEach(function (anchor) { data.turns[anchor] = cite.turn(data, anchor); });
  var pageUrl = data.url || location.href.split("#")[0];

  function squash(text) { return text.replace(/\s+/g, " "); }

  /* One turn's or quote's facts for the styles (`cite-format.js`): its link, and today as the access date. */
  function facts(anchor, quote, prefix) {
    return cite.facts(data, anchor, quote, prefix, pageUrl, cite.today());
  }

  /* The words to put before a quote's text fragment: Chromium scrolls to the first match in the whole
   * page, whatever the `#t012` says. None when the quote's first words are not met earlier; else
   * the words just before the quote in its turn, as many as make the match land on it. */
  function prefixFor(found) {
    var seen = textBefore(document.getElementById(found.anchor), found.range);
    var before = squash(seen.text + found.range.toString().match(/^\s*/)[0]), start = cite.fragmentTerms(found.quote).start;
    var whole = cite.matchable(before + start), cut = before.length;
    for (;;) {
      var prefix = before.slice(cut), needle = cite.matchable(prefix + start);
      if (whole.indexOf(needle) === whole.length - needle.length || cut <= seen.mark) return prefix.trim();
      cut = Math.max(seen.mark, before.lastIndexOf(" ", cut - 2) + 1);
    }
  }

  var UNSEEN = "script, style, template, [hidden], .quote-bar, .cite-panel, .cite-button";

  /* The page's text before the start of `range`, spaces squashed (what a reader without this script sees
   * too: no Cite buttons, bar or panel), and where in it `mark` (the turn's heading) begins. */
  function textBefore(mark, range) {
    var stop = document.createRange(), text = "", at = 0;
    stop.setStart(range.startContainer, range.startOffset);
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.nodeType === 1 && node.matches(UNSEEN) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node === mark) at = text.length;
      if (node.nodeType !== 3) continue;
      if (node === range.startContainer) { text += node.data.slice(0, range.startOffset); break; }
      if (stop.comparePoint(node, 0) > 0) break;
      text += node.data;
    }
    return { text: squash(text), mark: squash(text.slice(0, at)).length };
  }

  /* ---- the page: turns, buttons, panel -------------------------------------------------- */

  var article = document.querySelector("article.md-content__inner") || document.body;
  var opener = null;
  var panel = null;

  function turnOf(node) {
    var el = node && node.nodeType === 1 ? node : node && node.parentNode;
    while (el && el.parentNode !== article) el = el.parentNode;
    while (el && !(el.matches && el.matches("h2.turn[id]"))) el = el.previousElementSibling;
    return el && data.turns[el.id] ? el.id : "";
  }

  function turnBlocks(anchor) {
    var heading = document.getElementById(anchor), blocks = [];
    for (var el = heading && heading.nextElementSibling; el && !el.matches("h2"); el = el.nextElementSibling) {
      if (!el.matches(".cite-button, .removed-turn, .quote-bar")) blocks.push(el);
    }
    return blocks;
  }

  function copy(text, field, status, label) {
    function done(ok) {
      status.textContent = ok ? label + " copied." : "Press Ctrl+C (\u2318C) to copy the selected text.";
    }
    function fallback() {
      field.focus();
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function closePanel() { dialogs.hide(); }

  /* A citation in words (APA, MLA, Chicago…) shown whole, however long: its box grows to its text (a keyboard
   * reader cannot scroll a box Tab skips). CSL-JSON and BibTeX keep six lines: those are copied, not read. */
  function fit(field) {
    field.style.height = "auto";
    field.style.height = field.scrollHeight + 2 + "px";
  }

  /* The cite dialog (dialog.js): the permalink at once, then every style's citation as cite-format.js
   * gives them (a list, or a promise of one). It keeps the turn's heading and Cite button in sight. */
  function openPanel(anchor, quote, from, prefix) {
    closePanel();
    opener = from;
    var f = facts(anchor, quote, prefix);
    panel = dialogs.create("cite-panel", (quote ? "Cite this quote from " : "Cite this turn: ") + cite.who(f.turn, false));
    panel.id = "cite-panel";
    var items = document.createElement("div");
    items.className = "cite-panel__items";
    var status = document.createElement("p");
    status.className = "cite-panel__status";
    status.setAttribute("role", "status");
    if (cite.notice(data)) {
      var notice = document.createElement("p");
      notice.className = "cite-panel__notice";
      notice.textContent = cite.notice(data);
      panel.appendChild(notice);
    }
    panel.append(items, status);
    function add(item) {
      var box = document.createElement("div");
      box.className = "cite-item cite-item--" + item[0];
      var label = document.createElement("label");
      label.htmlFor = "cite-" + item[0];
      label.textContent = item[1];
      var field = document.createElement("textarea");
      field.id = "cite-" + item[0];
      field.readOnly = true;
      field.tabIndex = -1;  // Tab goes from Copy to Copy; the text is read, or selected with the pointer
      field.rows = item[0] === "csl" || item[0] === "bibtex" ? 6 : 2;
      field.value = item[2];
      var button = document.createElement("button");
      button.type = "button";
      button.className = "cite-copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy " + item[1]);
      button.addEventListener("click", function () { copy(item[2], field, status, item[1]); });
      box.append(label, field, button);
      items.appendChild(box);
      if (field.rows === 2) fit(field);
    }
    add(["permalink", quote ? "Quote link" : "Permalink", f.url]);
    var shown = panel;
    var preparing = status.textContent = "Preparing the citations\u2026";  // the first time, styles load and build
    Promise.resolve(cite.styles(data, f)).then(function (styles) {
      if (panel !== shown) return;
      styles.forEach(add);
      if (status.textContent === preparing) status.textContent = "";
    }, function () {
      if (panel === shown) status.textContent = "The citations could not be made; the permalink above still works.";
    });
    var heading = document.getElementById(anchor);
    var keep = from && from.classList.contains("cite-button") ? [heading, from] : [from];
    dialogs.show(panel, from, keep, function () {
      panel = null;
      if (opener) opener.setAttribute("aria-expanded", "false");
    });
    // the permalink's box was made before the dialog showed, when it had no height to measure
    items.querySelectorAll("textarea").forEach(function (field) { if (field.rows === 2) fit(field); });
    if (from) from.setAttribute("aria-expanded", "true");
    items.querySelector(".cite-copy").focus();
  }

  Object.keys(data.turns).forEach(function (anchor) {
    var heading = document.getElementById(anchor);
    if (!heading) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-button";
    button.textContent = "Cite";
    button.setAttribute("aria-label", "Cite this turn (" + anchor + ", " + data.turns[anchor].name + ")");
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () { openPanel(anchor, "", button); });
    heading.parentNode.insertBefore(button, heading);
  });

  /* ---- selecting text offers "Link to quote" and "Cite quote" --------------------------- */

  /* The bar is placed in the page right after the paragraph where the selection began (where the
   * reader pressed the mouse, which is where Tab continues from), so the next Tab reaches its
   * buttons; it floats below the selection. Focus is never moved to it: the selection stays. */
  var bar = document.createElement("div");
  bar.className = "quote-bar";
  bar.hidden = true;
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", "Quote the selected words");
  var barDescription = document.createElement("span");
  barDescription.id = "quote-bar-description";
  barDescription.className = "quote-bar__description";
  function barButton(text, title) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = text;
    button.title = title;
    button.setAttribute("aria-describedby", barDescription.id);
    return button;
  }
  var linkButton = barButton("Link to quote", "Copy a link to the selected words");
  var citeButton = barButton("Cite quote", "Cite the selected words");
  citeButton.setAttribute("aria-haspopup", "dialog");
  citeButton.setAttribute("aria-expanded", "false");
  var barStatus = document.createElement("span");
  barStatus.setAttribute("role", "status");
  var barField = document.createElement("input");
  barField.className = "quote-bar__field";
  barField.readOnly = true;
  barField.hidden = true;
  barField.setAttribute("aria-label", "Quote link");
  bar.append(barDescription, linkButton, citeButton, barField, barStatus);
  var picked = null;

  function selectedQuote() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = wholeWords(selection.getRangeAt(0).cloneRange());
    var anchor = turnOf(range.startContainer);
    if (!anchor || anchor !== turnOf(range.endContainer)) return null;
    if (panel && panel.contains(range.startContainer)) return null;
    var quote = range.toString().replace(/\s+/g, " ").trim();
    return quote ? {
      anchor: anchor, quote: quote, range: range, rect: range.getBoundingClientRect(),
      block: blockOf(selection.anchorNode) || document.getElementById(anchor)
    } : null;
  }

  /* The element directly in the article that holds `node` (a paragraph of the turn). */
  function blockOf(node) {
    var el = node && node.nodeType === 1 ? node : node && node.parentNode;
    while (el && el.parentNode !== article) el = el.parentNode;
    return el;
  }

  /* Text fragments match whole words only: a selection starting or ending inside a word grows to it. */
  function wholeWords(range) {
    var word = /[\w\u00c0-\u024f\u2019'-]/;
    var node = range.startContainer, at = range.startOffset;
    if (node.nodeType === 3) {
      while (at > 0 && word.test(node.data[at - 1])) at--;
      range.setStart(node, at);
    }
    node = range.endContainer;
    at = range.endOffset;
    if (node.nodeType === 3) {
      while (at < node.data.length && word.test(node.data[at])) at++;
      range.setEnd(node, at);
    }
    return range;
  }

  function showBar() {
    if (bar.contains(document.activeElement)) return;  // working with the bar: leave it where it is
    var found = selectedQuote();
    if (!found) {
      // Clicks in the panel opened by Cite quote keep the bar: closing the panel returns focus to it.
      if (!(panel && opener === citeButton)) bar.hidden = true;
      return;
    }
    picked = found;
    var words = found.quote.split(" ");
    barDescription.textContent = "Quote from " + data.turns[found.anchor].name + ": \u201c" +
      (words.length > 12 ? words.slice(0, 12).join(" ") + "\u2026" : found.quote) + "\u201d";
    barStatus.textContent = "";
    barField.hidden = true;
    if (found.block && found.block.nextSibling !== bar) found.block.after(bar);
    bar.hidden = false;
    // Below the selection, in the coordinates of the box the bar is positioned in.
    var origin = bar.offsetParent || document.documentElement;
    var box = origin.getBoundingClientRect();
    bar.style.top = (found.rect.bottom - box.top - origin.clientTop + origin.scrollTop + 6) + "px";
    bar.style.left = (Math.max(8, found.rect.left) - box.left - origin.clientLeft + origin.scrollLeft) + "px";
  }

  /* Escape closes the bar; focus inside it goes back to the paragraph it belongs to. */
  function closeBar() {
    var hadFocus = bar.contains(document.activeElement);
    var block = bar.previousElementSibling;
    bar.hidden = true;
    if (hadFocus && block) {
      block.tabIndex = -1;
      block.addEventListener("blur", function () { block.removeAttribute("tabindex"); }, { once: true });
      block.focus({ preventScroll: true });
    }
  }

  document.addEventListener("mouseup", function () { setTimeout(showBar, 0); });
  document.addEventListener("keyup", function (event) { if (event.shiftKey || event.key === "Shift") showBar(); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !bar.hidden && !event.defaultPrevented && !panel) closeBar();
  });
  linkButton.addEventListener("click", function () {
    if (!picked) return;
    var url = facts(picked.anchor, picked.quote, prefixFor(picked)).url;
    barField.value = url;
    barField.hidden = false;
    copy(url, barField, barStatus, "Quote link");
  });
  citeButton.addEventListener("click", function () {
    if (picked) openPanel(picked.anchor, picked.quote, citeButton, prefixFor(picked));
  });

  /* ---- arriving on a quote link: highlight the quote (also where text fragments are unsupported) */

  function directive() {
    var entry = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    var url = (entry && entry.name.indexOf(":~:") >= 0) ? entry.name : location.href;
    var at = url.indexOf(":~:");
    if (at < 0) return null;
    var hash = url.slice(url.indexOf("#") + 1, at);
    var text = url.slice(at + 3).split("&").filter(function (p) { return p.indexOf("text=") === 0; })[0];
    var terms = text ? text.slice(5).split(",") : [];
    var prefix = /-$/.test(terms[0] || "") ? terms.shift().slice(0, -1) : "";
    if (/^-/.test(terms[terms.length - 1] || "")) terms.pop();  // a suffix: the start is enough here
    try {
      return { anchor: decodeURIComponent(hash), prefix: decodeURIComponent(prefix),
               start: decodeURIComponent(terms[0] || ""), end: decodeURIComponent(terms[1] || "") };
    } catch (e) {
      return { anchor: hash, prefix: "", start: "", end: "" };  // a mangled link still lands on its turn
    }
  }

  /* The quote in the turn's blocks: the first match of `start` after `prefix` (or the first at all),
   * up to the first `end` after it. */
  function findRange(blocks, found) {
    var chars = [], text = "";
    blocks.forEach(function (block) {
      var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        for (var i = 0; i < node.data.length; i++) {
          var c = /\s/.test(node.data[i]) ? " " : node.data[i];
          if (c === " " && text.slice(-1) === " ") continue;
          chars.push([node, i]);
          text += c;
        }
      }
      if (text.slice(-1) !== " ") { chars.push(chars[chars.length - 1]); text += " "; }
    });
    var lower = text.toLowerCase(), start = found.start.toLowerCase(), after = cite.matchable(found.prefix).trim();
    var from = lower.indexOf(start);
    for (var at = from; after && at >= 0; at = lower.indexOf(start, at + 1)) {
      if (cite.matchable(text.slice(0, at)).trim().slice(-after.length) === after) { from = at; break; }
    }
    if (!start || from < 0) return null;
    var to = from + start.length;
    if (found.end) {
      var last = lower.indexOf(found.end.toLowerCase(), to);
      if (last < 0) return null;
      to = last + found.end.length;
    }
    var range = document.createRange();
    range.setStart(chars[from][0], chars[from][1]);
    range.setEnd(chars[to - 1][0], chars[to - 1][1] + 1);
    return range;
  }

  function highlightQuote() {
    var found = directive();
    if (!found) return;
    var range = data.turns[found.anchor] ? findRange(turnBlocks(found.anchor), found) : null;
    if (range && window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set("cite-quote", new Highlight(range));
    } else if (range && range.startContainer === range.endContainer) {
      range.surroundContents(document.createElement("mark"));
    }
    // A browser without text fragments took all of `t012:~:text=…` for an id no element has, and
    // stayed at the top: bring the reader to the quote, or at least to its turn (or removed turn);
    // again once the page has loaded, in case the browser scrolled to `#t012` after all.
    var target = range ? range.startContainer.parentNode : document.getElementById(found.anchor);
    if (document.fragmentDirective || !target) return;
    var go = function () { target.scrollIntoView({ block: range ? "center" : "start" }); };
    go();
    if (document.readyState !== "complete") {
      window.addEventListener("load", function () { setTimeout(go, 0); }, { once: true });
    }
  }

  highlightQuote();
})(window.ArchiveCite);
