/* Material's header opens the navigation drawer (below 1220 px) and the search (below 960 px) from
 * labels, which a keyboard cannot reach and a screen reader cannot name. Each label gives way to a
 * named button doing the same: the panel opens, focus going to its first link or the search box; when
 * it closes (Escape, or the button again), focus goes back to the button. archive.css shows each button
 * where Material showed its label, and keeps a closed panel out of the Tab order.
 */
(function () {
  "use strict"
  var PANELS = [["__drawer", "Navigation", ".md-sidebar--primary a[href]"], ["__search", "Search", ".md-search__input"]]
  PANELS.forEach(function (panel) {
    var toggle = document.getElementById(panel[0]), label = document.querySelector(".md-header label[for=" + panel[0] + "]")
    var first = document.querySelector(panel[2])
    if (!toggle || !label || !first) return
    var button = document.createElement("button")
    button.type = "button"
    button.className = label.className
    button.setAttribute("data-for", panel[0])
    button.setAttribute("aria-label", panel[1])
    button.setAttribute("aria-expanded", String(toggle.checked))
    button.innerHTML = label.innerHTML  // Material's own icon
    label.parentNode.insertBefore(button, label)
    label.hidden = true
    var opened = false
    button.addEventListener("click", function () {
      label.click()
      opened = toggle.checked
      if (opened) first.focus()
    })
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked))
      if (!toggle.checked && opened && button.getClientRects().length) button.focus()
      if (!toggle.checked) opened = false
    })
  })
  var drawer = document.getElementById("__drawer")
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer && drawer.checked) drawer.click()
  })
})()
