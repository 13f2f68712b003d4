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
});
