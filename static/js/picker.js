// Person pickers with more than 30 people get a filter box above them: type part of a
// name, title or department and the list keeps only what matches. Without JavaScript
// the plain <select> works as before.
(function () {
  "use strict";
  var THRESHOLD = 30;
  document.querySelectorAll("select[data-searchable]").forEach(function (select) {
    if (select.options.length <= THRESHOLD || select.multiple) {
      return;
    }
    var filter = document.createElement("input");
    filter.type = "search";
    filter.className = "form-control form-control-sm mb-1 picker-filter";
    filter.placeholder = "Type to filter by name, title or department";
    filter.setAttribute("aria-label", "Filter the list below");
    filter.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(filter, select);
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(status, select.nextSibling);
    filter.addEventListener("input", function () {
      var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(select.options, function (option) {
        var text = option.text.toLowerCase();
        var match = !option.value || words.every(function (w) { return text.indexOf(w) !== -1; });
        option.hidden = !match;
        if (match && option.value) { shown += 1; }
      });
      status.textContent = shown + " match" + (shown === 1 ? "" : "es");
    });
  });
})();
