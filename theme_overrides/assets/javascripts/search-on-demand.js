/* Search on demand (loaded by main.html before Material's bundle).
 *
 * Material's bundle starts its search worker and downloads search/search_index.json as every page
 * loads. On a served site this holds both until the reader opens search: the index is asked for, and
 * the worker started, when the search toggle turns on (a click, a tap, or the keyboard shortcut), or
 * at once when the page was opened from a search result (?h=words: Material highlights them with the
 * index's settings). From file:// (the offline bundle) nothing is downloaded, and Material's own
 * timing is kept: deferred there, reading the index and starting the worker (a frame on the page's
 * own thread) coincide with the first query and lengthen its longest task by about a third.
 *
 * It also mends the links of results that match through their turns only: Material gives them an
 * empty ?h=; they get the words their turns matched.
 */
(function () {
  "use strict"
  var toggle = document.getElementById("__search"), list = document.querySelector(".md-search-result__list")
  var config = JSON.parse(document.getElementById("__config").textContent)
  if (!toggle || !list || !config.search) return
  mendHighlights(list)
  if (location.protocol === "file:") return
  var base = new URL(config.base, location.href), worker = new URL(config.search, location.href).href
  var index = new URL("search/search_index.json", base).href
  var opened = new Promise(function (resolve) {
    if (toggle.checked || new URL(location.href).searchParams.get("h")) return resolve()
    toggle.addEventListener("change", function () { if (toggle.checked) resolve() })
  })

  /* Material asks for the index with XMLHttpRequest: the request is sent once search is open */
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send
  XMLHttpRequest.prototype.open = function (method, url) {
    this.archiveWait = new URL(url, location.href).href === index
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments
    if (!request.archiveWait) return send.apply(request, args)
    opened.then(function () { send.apply(request, args) })
  }

  /* Material's worker (or the sharded index's) starts with the first message Material sends it: the
     index, once search is open */
  var RealWorker = window.Worker
  window.Worker = function (url, options) {
    if (new URL(url, location.href).href !== worker) return new RealWorker(url, options)
    var proxy = new EventTarget(), real = null
    proxy.postMessage = function (message) {
      if (!real) {
        real = new RealWorker(url, options)
        real.addEventListener("message", function (ev) { proxy.dispatchEvent(new MessageEvent("message", { data: ev.data })) })
        real.addEventListener("error", function (ev) { proxy.dispatchEvent(new ErrorEvent("error", ev)) })
      }
      real.postMessage(message)
    }
    proxy.terminate = function () { if (real) real.terminate() }
    return proxy
  }

  /* A result listed for its turns' words: its link's ?h= has the words of those turns, not none */
  function mendHighlights(list) {
    new MutationObserver(function () {
      list.querySelectorAll(".md-search-result__item").forEach(function (item) {
        var links = Array.prototype.map.call(item.querySelectorAll("a[href]"), function (a) { return [a, new URL(a.href)] })
        var words = []
        links.forEach(function (link) {
          (link[1].searchParams.get("h") || "").split(" ").forEach(function (w) { if (w && words.indexOf(w) < 0) words.push(w) })
        })
        links.forEach(function (link) {
          if (!link[1].searchParams.has("h") || link[1].searchParams.get("h")) return
          if (words.length) link[1].searchParams.set("h", words.join(" "))
          else link[1].searchParams.delete("h")
          link[0].href = link[1].href
        })
      })
    }).observe(list, { childList: true, subtree: true })
  }
})()
