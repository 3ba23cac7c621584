/* "Jump to turn": on a narrow screen, where Material hides the table of contents, a button in the
 * header opens the list of the page's turns (dialog.js): any turn is one tap away. The list starts
 * at the turn being read; choosing one goes there and puts focus on its heading. Each turn is named as the
 * table of contents names it (`ArchiveTurnToc.headingText`, turn-toc.js, loaded before this script).
 */
(function (dialogs) {
  "use strict";

  var turns = document.querySelectorAll("article h2.turn[id]");
  var header = document.querySelector(".md-header__inner");
  if (!turns.length || !header) return;

  var ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<path d="M3 4h2v2H3zm4 0h14v2H7zM3 11h2v2H3zm4 0h14v2H7zm-4 7h2v2H3zm4 0h14v2H7z"/></svg>';
  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-header__button md-icon turn-list-button";
  button.title = "Jump to turn";
  button.setAttribute("aria-label", "Jump to turn");
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-expanded", "false");
  button.innerHTML = ICON;
  header.insertBefore(button, header.querySelector("[data-md-component=palette]") ||
    header.querySelector("label[for=__search]"));

  /* The turn at the top of the window (below the header), or the first. */
  function reading() {
    var top = (document.querySelector(".md-header") || header).getBoundingClientRect().bottom + 1, at = turns[0];
    for (var i = 0; i < turns.length && turns[i].getBoundingClientRect().top <= top + 8; i++) at = turns[i];
    return at;
  }

  function go(heading) {
    dialogs.hide(true);
    history.pushState(null, "", "#" + heading.id);
    heading.scrollIntoView({ block: "start" });
    heading.tabIndex = -1;
    heading.addEventListener("blur", function () { heading.removeAttribute("tabindex"); }, { once: true });
    heading.focus({ preventScroll: true });
  }

  button.addEventListener("click", function () {
    var dialog = dialogs.create("turn-list", "Jump to turn");
    var nav = document.createElement("nav");
    nav.setAttribute("aria-labelledby", "turn-list-title");
    var list = document.createElement("ol");
    var here = reading(), current = null;
    turns.forEach(function (heading) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + heading.id;
      link.textContent = window.ArchiveTurnToc.headingText(heading);
      if (heading.classList.contains("question")) link.className = "turn-list__question";
      if (heading === here) {
        link.setAttribute("aria-current", "location");
        current = link;
      }
      link.addEventListener("click", function (event) {
        event.preventDefault();
        go(heading);
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    nav.appendChild(list);
    dialog.appendChild(nav);
    dialogs.show(dialog, button, [], function () { button.setAttribute("aria-expanded", "false"); });
    button.setAttribute("aria-expanded", "true");
    current.scrollIntoView({ block: "center" });
    current.focus({ preventScroll: true });
  });
})(window.ArchiveDialog);
