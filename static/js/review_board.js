// The talent review board, better with JavaScript: drag a card onto a cell, or press
// its Move button (made here: a card is kept small for a board of hundreds), and a
// dialog asks for the reason. Without JavaScript the card's name opens the candidate's
// page, whose form does the same. No library.
(function () {
  "use strict";
  var dialog = document.getElementById("move-dialog");
  if (!dialog) return;
  var form = document.getElementById("move-form");
  var cell = form.querySelector("select[name=cell]");
  var reason = form.querySelector("textarea[name=reason]");
  var opener = null;

  function link(card) { return card.querySelector("a"); }
  function cellOf(card) {
    var home = card.closest(".board-cell");
    return home ? home.dataset.cell : "";
  }

  function open(card, target) {
    opener = card.querySelector("[data-move]") || card;
    form.action = link(card).getAttribute("href");
    form.querySelector("input[name=seen_rating]").value = card.dataset.seen;
    dialog.querySelector("[data-name]").textContent = link(card).textContent;
    cell.value = target || cellOf(card);
    if (cell.selectedIndex < 0) cell.selectedIndex = 0;
    reason.value = "";
    dialog.showModal();
    (target ? reason : cell).focus();
  }

  dialog.querySelector("[data-close]").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () { if (opener) opener.focus(); });
  form.addEventListener("submit", function (event) {
    if (!reason.value.trim()) {
      event.preventDefault();
      reason.classList.add("is-invalid");
      reason.setAttribute("aria-invalid", "true");
      reason.focus();
    }
  });

  document.querySelectorAll(".board-card").forEach(function (card) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-link btn-sm p-0 ms-1 move-button d-print-none";
    button.setAttribute("data-move", "");
    button.setAttribute("aria-label", "Move " + link(card).textContent);
    button.textContent = "Move";
    button.addEventListener("click", function () { open(card); });
    card.appendChild(button);
    card.draggable = true;
    card.addEventListener("dragstart", function (event) {
      event.dataTransfer.setData("text/plain", card.dataset.entry);
      event.dataTransfer.effectAllowed = "move";
    });
  });

  document.querySelectorAll(".board-cell").forEach(function (target) {
    target.addEventListener("dragover", function (event) { event.preventDefault(); target.classList.add("drop-target"); });
    target.addEventListener("dragleave", function () { target.classList.remove("drop-target"); });
    target.addEventListener("drop", function (event) {
      event.preventDefault();
      target.classList.remove("drop-target");
      var card = document.querySelector('.board-card[data-entry="' + event.dataTransfer.getData("text/plain") + '"]');
      if (card && cellOf(card) !== target.dataset.cell) open(card, target.dataset.cell);
    });
  });
})();
