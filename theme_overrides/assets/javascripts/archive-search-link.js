/* The header search box's way to the search page: an "All results and filters" link above Material's
 * results, carrying what is typed (search.html?q=…), where filters, dates, a timeline and exports are. */
(() => {
  "use strict"
  const input = document.querySelector(".md-search__input")
  const output = document.querySelector(".md-search__output")
  const config = document.getElementById("__config")
  if (!input || !output || !config) return
  let base = "."
  try {
    base = JSON.parse(config.textContent).base || "."
  } catch (error) {
    return
  }
  const page = new URL(base.replace(/\/?$/, "/") + "search.html", location.href).href
  const link = document.createElement("a")
  link.className = "archive-search-all"
  link.textContent = "All results and filters →"
  const update = () => {
    const q = input.value.trim()
    link.href = q ? `${page}?q=${encodeURIComponent(q).replace(/%20/g, "+")}` : page
  }
  update()
  input.addEventListener("input", update)
  input.addEventListener("keyup", update)
  output.insertBefore(link, output.firstChild)
})()
