/* A heading's permalink sign (¶) says what it is when pointed at or focused: the tooltip is set then,
 * not written into every heading of the page (a briefing has a hundred turns, the archive 120,000).
 */
(() => {
  "use strict"
  const titled = (event) => {
    const link = event.target instanceof Element && event.target.closest("a.headerlink")
    if (link && !link.title) {
      link.title = link.closest("h2.turn") ? "Permanent link to this turn" : "Permanent link"
    }
  }
  document.addEventListener("pointerover", titled)
  document.addEventListener("focusin", titled)
})()
