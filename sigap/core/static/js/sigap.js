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
  setUpPhoneMenu();
  // A form sent back with errors: bring its summary into view and read it out first.
  document.querySelector(".error-summary")?.focus();
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

// On a phone the menu folds under a "Menu" button; on a wider screen it is always open.
function setUpPhoneMenu() {
  const nav = document.querySelector(".main-nav");
  const toggle = document.querySelector(".menu-toggle");
  if (!nav || !toggle) return;
  const phone = window.matchMedia("(max-width: 640px)");
  const setOpen = (open) => {
    nav.classList.toggle("is-collapsed", !open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  };
  const apply = () => {
    toggle.hidden = !phone.matches;
    setOpen(!phone.matches);
  };
  toggle.addEventListener("click", () => setOpen(nav.classList.contains("is-collapsed")));
  phone.addEventListener("change", apply);
  apply();
}
