// Small progressive enhancements shared by every page. No inline script anywhere (CSP).
document.addEventListener("DOMContentLoaded", () => {
  // Buttons that print the page: <button data-print>.
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
  // Confirmation for dangerous actions: <button data-confirm="Are you sure?">.
  document.querySelectorAll("[data-confirm]").forEach((element) => {
    element.addEventListener("click", (event) => {
      if (!window.confirm(element.dataset.confirm)) event.preventDefault();
    });
  });
  // On a phone the menu is one row scrolling sideways: bring the current entry into view.
  document.querySelector(".main-nav [aria-current]")?.scrollIntoView({ block: "nearest", inline: "center" });
  markScrollableTables();
  window.addEventListener("resize", markScrollableTables);
});

// A table wider than the screen scrolls inside its .table-wrap: keyboard users must be able to
// reach and scroll it, so the wrapper becomes a named, focusable region while it overflows.
function markScrollableTables() {
  document.querySelectorAll(".table-wrap").forEach((wrap) => {
    if (wrap.scrollWidth <= wrap.clientWidth) {
      if (wrap.dataset.scrollable) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        delete wrap.dataset.scrollable;
      }
      return;
    }
    wrap.dataset.scrollable = "true";
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    if (!wrap.hasAttribute("aria-label")) {
      const caption = wrap.querySelector("caption");
      let heading = wrap.previousElementSibling;
      while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
      const name = (caption || heading || document.querySelector("h1"))?.textContent.trim();
      if (name) wrap.setAttribute("aria-label", name);
    }
  });
}
