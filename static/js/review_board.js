// The talent review board, better with JavaScript: drag a card onto a cell, or press
// its Move button, and a dialog asks for the reason. Without JavaScript the same Move
// link opens the candidate's page, whose form does the same. No library.
(function () {
  "use strict";
  var dialog = document.getElementById("move-dialog");
  if (!dialog) return;
  var form = document.getElementById("move-form");
  var cell = form.querySelector("select[name=cell]");
  var reason = form.querySelector("textarea[name=reason]");
  var opener = null;

  function open(card, target) {
    opener = card.querySelector("[data-move]") || card;
    form.action = card.dataset.url;
    form.querySelector("input[name=seen_rating]").value = card.dataset.seen;
    dialog.querySelector("[data-name]").textContent = card.dataset.name;
    cell.value = target || card.dataset.cell;
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
    var button = card.querySelector("[data-move]");
    if (button) {
      button.setAttribute("role", "button");
      button.addEventListener("click", function (event) { event.preventDefault(); open(card); });
      button.addEventListener("keydown", function (event) {
        if (event.key === " ") { event.preventDefault(); open(card); }
      });
    }
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
      if (card && card.dataset.cell !== target.dataset.cell) open(card, target.dataset.cell);
    });
  });
})();
