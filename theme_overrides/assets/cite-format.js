/* Citation formatting: the pure part of the cite panel, with no page and no DOM, so that Node's test
 * runner checks it (tests/js/). Used by cite.js in the browser as `window.ArchiveCite`.
 *
 * `styles(data, f)` formats one citation in every style from the page's citation data (`data`,
 * generator/site/cite_data.py) and the facts of one turn or quote (`f`: turn, quote, url, what,
 * accessed, place). `fragmentText(quote, prefix)` is the `text=` of a quote's link.
 */
(function (root) {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
    "Nov.", "Dec."];
  var STYLES = [["chicago", "Chicago"], ["apa", "APA"], ["mla", "MLA"], ["bibtex", "BibTeX"],
    ["csl", "CSL-JSON"]];

  /* ---- dates ---------------------------------------------------------------------------- */

  function parts(iso) {
    var p = iso.split("-");
    return { y: +p[0], m: +p[1], d: +p[2] };
  }
  /* Today in the reader's time zone, as YYYY-MM-DD: the access date. */
  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }
  function longDate(iso) { var p = parts(iso); return MONTHS[p.m - 1] + " " + p.d + ", " + p.y; }
  function mlaDate(iso) { var p = parts(iso); return p.d + " " + MLA_MONTHS[p.m - 1] + " " + p.y; }

  /* ---- citation styles ------------------------------------------------------------------ */

  function facts(data, anchor, quote, prefix, pageUrl, accessed) {
    var turn = data.turns[anchor];
    return {
      turn: turn, quote: quote || "",
      url: pageUrl + "#" + anchor + (quote ? ":~:text=" + fragmentText(quote, prefix || "") : ""),
      what: turn.question ? "Question" : "Remarks", accessed: accessed,
      place: [data.host, data.location].filter(Boolean)
    };
  }

  function who(turn, interpreted) {
    return [turn.name, turn.role].filter(Boolean).join(", ") +
      (interpreted && turn.interpreted ? " (via interpreter)" : "");
  }

  function initials(given) {
    return given.split(/\s+/).map(function (w) { return w.charAt(0) + "."; }).join(" ");
  }

  function formatters(data) {
  return {
    chicago: function (f) {
      var quoted = f.quote ? "\u201c" + f.quote + ",\u201d " : "";
      return who(f.turn, true) + ", " + quoted + f.what.toLowerCase() + " at \u201c" + data.title + ",\u201d " +
        f.place.concat([longDate(data.date), data.site]).join(", ") +
        ", accessed " + longDate(f.accessed) + ", " + f.url + ".";
    },
    apa: function (f) {
      var t = f.turn, p = parts(data.date);
      var author = t.family ? t.family + ", " + initials(t.given) : t.name;
      var note = ["Transcript", t.role, t.interpreted ? "via interpreter" : ""].filter(Boolean).join("; ");
      var quoted = f.quote ? " \u201c" + f.quote + "\u201d" : "";
      return author + " (" + p.y + ", " + MONTHS[p.m - 1] + " " + p.d + "). " + f.what + " at " + data.title +
        (data.location ? ", " + data.location : "") + " [" + note + "]." + quoted + " " +
        [data.host, data.site].filter(Boolean).join("; ") + ". Retrieved " + longDate(f.accessed) +
        ", from " + f.url;
    },
    mla: function (f) {
      var t = f.turn;
      var author = t.family ? t.family + ", " + t.given : t.name;
      var quoted = f.quote ? "\u201c" + f.quote + "\u201d " : "";
      var container = [t.role + (t.interpreted ? (t.role ? ", " : "") + "via interpreter" : ""), data.host,
        mlaDate(data.date), data.location].filter(Boolean).join(", ");
      return author + ". " + quoted + "\u201c" + f.what + " at " + data.title + ".\u201d " +
        container.charAt(0).toUpperCase() + container.slice(1) + ". " +
        data.site + ", " + f.url + ". Accessed " + mlaDate(f.accessed) + ".";
    },
    bibtex: function (f) {
      var t = f.turn;
      var key = ((t.family || t.name).normalize("NFKD").replace(/[^A-Za-z0-9]/g, "").toLowerCase() +
        parts(data.date).y + f.url.split("#")[1].split(":")[0]);
      var note = [t.role, t.interpreted ? "via interpreter" : "", "transcript",
        f.quote ? "quoted: \u201c" + f.quote + "\u201d" : ""].filter(Boolean).join("; ");
      var fields = [
        ["author", t.family ? bib(t.family + ", " + t.given) : "{" + bib(t.name) + "}"],
        ["title", "{" + bib(f.what + " at " + data.title) + "}"],
        ["howpublished", bib(data.host)], ["address", bib(data.location)], ["date", data.date],
        ["year", String(parts(data.date).y)], ["organization", bib(data.site)], ["note", bib(note)],
        ["url", f.url], ["urldate", f.accessed]
      ].filter(function (kv) { return kv[1]; });
      return "@misc{" + key + ",\n" + fields.map(function (kv) {
        return "  " + kv[0] + " = {" + kv[1] + "}";
      }).join(",\n") + "\n}";
    },
    csl: function (f) {
      var t = f.turn, p = parts(data.date), a = parts(f.accessed);
      var item = {
        id: data.slug + "-" + f.url.split("#")[1].split(":")[0], type: "speech",
        title: f.what + " at " + data.title, genre: "Transcript",
        author: [t.family ? { family: t.family, given: t.given } : { literal: t.name }],
        "event-title": data.title, "event-place": data.location || undefined,
        publisher: data.host || undefined, "container-title": data.site,
        issued: { "date-parts": [[p.y, p.m, p.d]] }, accessed: { "date-parts": [[a.y, a.m, a.d]] },
        URL: f.url,
        note: [t.role, t.interpreted ? "via interpreter" : "", f.quote ? "Quoted: \u201c" + f.quote + "\u201d" : ""]
          .filter(Boolean).join("; ") || undefined
      };
      return JSON.stringify([item], null, 2);
    }
  };
  }

  function bib(text) {
    return (text || "").replace(/[\\{}&%$#_~^]/g, function (c) {
      return { "\\": "\\textbackslash{}", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}" }[c] || "\\" + c;
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

  /* `text=quote` or `text=start,end` (both forms Chromium highlights), after `prefix-,` if any. */
  function fragmentText(quote, prefix) {
    var terms = fragmentTerms(quote);
    return (prefix ? encodeFragment(prefix) + "-," : "") + encodeFragment(terms.start) +
      (terms.end ? "," + encodeFragment(terms.end) : "");
  }

  /* Every style of `STYLES` for one turn or quote: `[[key, label, text], …]`. */
  function styles(data, f) {
    var format = formatters(data);
    return STYLES.map(function (s) { return [s[0], s[1], format[s[0]](f)]; });
  }

  /* Text compared as Chromium matches a fragment: case aside, and punctuation between words. */
  function matchable(text) { return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " "); }

  var api = {
    STYLES: STYLES, facts: facts, styles: styles, who: who, today: today, longDate: longDate,
    fragmentTerms: fragmentTerms, fragmentText: fragmentText, matchable: matchable
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ArchiveCite = api;
})(typeof window === "object" ? window : this);
