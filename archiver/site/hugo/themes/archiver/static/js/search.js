// Pagefind's own UI over the index `pagefind` wrote into the built site (no inline
// script: the pages' Content-Security-Policy allows only scripts from the site).
window.addEventListener("DOMContentLoaded", () => {
  const ui = new PagefindUI({ element: "#search", showSubResults: true, showImages: true });
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
