// Pickers. A list of more than 30 people gets a filter box above it: type part of a
// name, title or department and the list keeps only what matches. A list too long to
// send whole (the server marks it data-search: it holds only its first few records)
// becomes a type-ahead that asks the page itself for the matches
// (?pick=<field>&q=<words>, answered from the same access-checked list). Without
// JavaScript the plain <select> works, with what it holds.
(function () {
  "use strict";
  var THRESHOLD = 30;

  function liveRegion(after) {
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    after.parentNode.insertBefore(status, after.nextSibling);
    return status;
  }

  document.querySelectorAll("select[data-searchable]:not([data-search])").forEach(function (select) {
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
    var status = liveRegion(select);
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

  var counter = 0;
  document.querySelectorAll("select[data-search]").forEach(function (select) {
    counter += 1;
    var listId = "picker-list-" + counter;
    var wrap = document.createElement("div");
    wrap.className = "picker-search position-relative";
    var input = document.createElement("input");
    input.type = "search";
    input.autocomplete = "off";
    input.className = select.className.replace("form-select", "form-control") || "form-control";
    input.id = select.id ? select.id + "-search" : listId + "-input";
    input.placeholder = "Type two letters or more to search";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "picker-results list-group position-absolute w-100 shadow-sm";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var chosen = document.createElement("div");
    chosen.className = "picker-chosen small mt-1";
    wrap.appendChild(input);
    wrap.appendChild(list);
    wrap.appendChild(chosen);
    select.parentNode.insertBefore(wrap, select);
    select.hidden = true;
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label) { label.setAttribute("for", input.id); }
    var status = liveRegion(wrap);
    var active = -1;
    var results = [];
    var timer = null;
    var url = (select.form && select.form.getAttribute("action")) || window.location.pathname;

    function showChosen() {
      chosen.textContent = "";
      Array.prototype.forEach.call(select.selectedOptions, function (option) {
        if (!option.value) { return; }
        if (!select.multiple) {
          input.value = option.text;
          return;
        }
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "btn btn-sm btn-outline-secondary me-1 mb-1";
        chip.textContent = option.text + " ✕";
        chip.setAttribute("aria-label", "Remove " + option.text);
        chip.addEventListener("click", function () {
          option.selected = false;
          showChosen();
        });
        chosen.appendChild(chip);
      });
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      var item = results[index];
      if (!item) { return; }
      var option = Array.prototype.find.call(select.options, function (o) { return o.value === item.id; });
      if (!option) {
        option = new Option(item.label, item.id);
        select.appendChild(option);
      }
      if (!select.multiple) {
        Array.prototype.forEach.call(select.options, function (o) { o.selected = false; });
      }
      option.selected = true;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      if (select.multiple) { input.value = ""; }
      showChosen();
      close();
    }

    function highlight(index) {
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.classList.toggle("active", i === index);
        li.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (list.children[index]) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
      }
    }

    function render(data) {
      results = data.results;
      list.textContent = "";
      results.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.className = "list-group-item list-group-item-action py-1";
        li.setAttribute("role", "option");
        li.textContent = item.label;
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(li);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      status.textContent = results.length
        ? results.length + (data.more ? "+" : "") + " found"
        : "Nothing found";
    }

    function search() {
      var term = input.value.trim();
      if (term.length < 2) {
        close();
        return;
      }
      var params = new URLSearchParams({ pick: select.name, q: term });
      fetch(url + "?" + params.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(render)
        .catch(function () { status.textContent = "The search did not answer: try again."; });
    }

    input.addEventListener("input", function () {
      if (!select.multiple && !input.value) {
        Array.prototype.forEach.call(select.options, function (o) { o.selected = !o.value; });
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && results.length) {
        event.preventDefault();
        highlight(Math.min(active + 1, results.length - 1));
      } else if (event.key === "ArrowUp" && results.length) {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && !list.hidden && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    showChosen();
  });
})();
