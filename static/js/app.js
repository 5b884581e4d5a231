// Behaviour every page may use, wired from data attributes: the Content-Security-Policy
// allows no inline script or style, so nothing is written in the markup itself.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
  // A choice that reloads the page with it (mentor suggestions for the chosen candidate).
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-reload-with]");
    if (field && field.value) {
      var url = new URL(window.location.href);
      url.searchParams.set(field.dataset.reloadWith, field.value);
      url.searchParams.delete("mentor");
      window.location.assign(url.toString());
    }
  });
  function widths(root) {
    root.querySelectorAll("[data-width]").forEach(function (bar) {
      bar.style.width = Math.max(0, Math.min(100, Number(bar.dataset.width) || 0)) + "%";
    });
  }
  // A panel that loads after the page: its link stays if the request fails.
  function fragments(root) {
    root.querySelectorAll("[data-fragment]").forEach(function (panel) {
      fetch(panel.dataset.fragment, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) { panel.innerHTML = html; })
        .catch(function () {});
    });
  }
  function ready() { widths(document); fragments(document); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
