/* The page's modal dialogs (the cite panel of cite.js, the turn list of turn-list.js), as `window.ArchiveDialog`.
 *
 * A <dialog> shown modal, named by its title; focus stays inside (Tab and Shift+Tab wrap around);
 * Escape or a click outside closes it from anywhere, and focus goes back to the control that opened
 * it. It never covers the element it is about (`keep`: a turn's heading and its Cite button): it
 * opens below that element, scrolled to the top first when the space below is cramped, or above it
 * at the end of the page.
 */
(function () {
  "use strict";

  var GAP = 8;            /* px between the dialog and the kept element or the window's edge */
  var ROOMY = 0.5;        /* a space of this share of the window's height is enough without scrolling */
  var FOCUSABLE = "a[href], button:not([disabled]), textarea:not([tabindex='-1']), input:not([type=hidden]), select, [tabindex='0']";
  var current = null;

  /* An empty dialog of `className` with its title (a paragraph naming it) and a Close button. */
  function create(className, title) {
    var dialog = document.createElement("dialog");
    dialog.className = "archive-dialog " + className;
    var head = document.createElement("div");
    head.className = "archive-dialog__head";
    var name = document.createElement("p");
    name.id = className + "-title";
    name.className = "archive-dialog__title " + className + "__title";
    name.textContent = title;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "archive-dialog__close " + className + "__close";
    close.textContent = "Close";
    close.addEventListener("click", function () { hide(); });
    head.append(name, close);
    dialog.appendChild(head);
    dialog.setAttribute("aria-labelledby", name.id);
    return dialog;
  }

  function tabbable(dialog) {
    return Array.prototype.filter.call(dialog.querySelectorAll(FOCUSABLE), function (el) {
      return el.getClientRects().length > 0;
    });
  }

  function outside(dialog, event) {
    var r = dialog.getBoundingClientRect();
    return event.clientX < r.left || event.clientX > r.right || event.clientY < r.top || event.clientY > r.bottom;
  }

  /* The box around the kept elements, in the window's coordinates. */
  function keptBox(keep) {
    var box = null;
    keep.forEach(function (el) {
      var r = el.getBoundingClientRect();
      box = box ? { top: Math.min(box.top, r.top), bottom: Math.max(box.bottom, r.bottom) } : { top: r.top, bottom: r.bottom };
    });
    return box;
  }

  /* Below the kept elements; with `scroll`, the first of them is brought to the top first (its scroll
   * margin keeps it clear of the header) when it is out of sight or the space below it is cramped.
   * Above them when that space is still the larger one (the end of the page). */
  function place(scroll) {
    if (!current || !current.keep.length) return;
    var dialog = current.dialog, view = window.innerHeight, box = keptBox(current.keep);
    var header = document.querySelector(".md-header"), clear = header ? header.getBoundingClientRect().bottom : 0;
    if (scroll && (box.top < clear || view - box.bottom - 2 * GAP < ROOMY * view)) {
      current.keep[0].scrollIntoView({ block: "start" });
      box = keptBox(current.keep);
    }
    var above = box.top - 2 * GAP, below = view - box.bottom - 2 * GAP;
    if (below >= Math.min(above, ROOMY * view)) {
      dialog.style.top = Math.max(box.bottom + GAP, GAP) + "px";
      dialog.style.bottom = "auto";
      dialog.style.maxHeight = Math.max(below, 0) + "px";
    } else {
      dialog.style.top = "auto";
      dialog.style.bottom = (view - box.top + GAP) + "px";
      dialog.style.maxHeight = above + "px";
    }
  }

  function replace() { place(false); }

  function onKey(event) {
    if (!current) return;
    if (event.key === "Escape") {
      event.preventDefault();
      hide();
    } else if (event.key === "Tab") {
      var items = tabbable(current.dialog);
      if (!items.length) return;
      var first = items[0], last = items[items.length - 1], at = document.activeElement;
      var inside = current.dialog.contains(at);
      if (event.shiftKey && (at === first || !inside)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (at === last || !inside)) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  /* Show `dialog` modal. `opener`: the control focus returns to; `keep`: elements never covered;
   * `onClose`: called once it is closed. */
  function show(dialog, opener, keep, onClose) {
    hide();
    var state = { dialog: dialog, opener: opener, keep: (keep || []).filter(Boolean), onClose: onClose, down: false };
    current = state;
    dialog.addEventListener("cancel", function (event) {  // Escape where the browser handles it first
      event.preventDefault();
      if (current === state) hide();
    });
    dialog.addEventListener("pointerdown", function (event) {
      state.down = event.target === dialog && outside(dialog, event);
    });
    dialog.addEventListener("click", function (event) {
      if (current === state && state.down && event.target === dialog && outside(dialog, event)) hide();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    place(true);
    document.addEventListener("keydown", onKey, true);
    window.addEventListener("scroll", replace, { passive: true });
    window.addEventListener("resize", replace);
  }

  /* Close the open dialog, if any; focus goes back to its opener unless `stay`. */
  function hide(stay) {
    if (!current) return;
    var state = current;
    current = null;
    document.removeEventListener("keydown", onKey, true);
    window.removeEventListener("scroll", replace);
    window.removeEventListener("resize", replace);
    if (state.dialog.open) state.dialog.close();
    state.dialog.remove();
    if (state.onClose) state.onClose();
    if (state.opener && !stay) state.opener.focus();
  }

  window.ArchiveDialog = {
    create: create, show: show, hide: hide,
    isOpen: function () { return current !== null; }
  };
})();
