// SPDX-License-Identifier: AGPL-3.0-or-later
// Copyright (c) 2026 The Nærhed authors
// The T-card board: drag a card to another place or carer (HTML5 drag and drop), and re-render the
// board whenever the version the server reports changes, so everyone sees a saved move.
(function () {
  "use strict";
  var root = document.getElementById("board-root");
  if (!root) { return; }
  var pollMs = Math.max(1, parseInt(root.getAttribute("data-poll-seconds") || "4", 10)) * 1000;
  var moveUrl = root.getAttribute("data-move-url");
  var dragged = null;
  var busy = false;

  function board() { return root.querySelector("[data-board]"); }

  function say(text, kind) {
    var box = document.getElementById("board-message");
    if (!box) { return; }
    box.textContent = text || "";
    box.className = "board-message board-message--" + (kind || "info");
    box.hidden = !text;
  }

  function swap(html) { root.innerHTML = html; }

  function refresh() {
    return fetch(root.getAttribute("data-part-url"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(swap);
  }

  function poll() {
    if (dragged || busy) { window.setTimeout(poll, pollMs); return; }
    fetch(root.getAttribute("data-version-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var current = board();
        if (current && data.version !== current.getAttribute("data-version")) { return refresh(); }
        return null;
      })
      .catch(function () { return null; })
      .then(function () { window.setTimeout(poll, pollMs); });
  }

  function csrf() {
    var input = document.querySelector("#board-csrf [name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function placeIn(column, y) {
    var cards = column.querySelectorAll(".board-card[draggable=true]");
    var before = 0;
    for (var i = 0; i < cards.length; i += 1) {
      if (cards[i] === dragged) { continue; }
      var box = cards[i].getBoundingClientRect();
      if (box.top + box.height / 2 < y) { before += 1; }
    }
    return before + 1;
  }

  function send(card, target, place) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrf());
    data.append("visit", card.getAttribute("data-visit"));
    data.append("version", card.getAttribute("data-version"));
    data.append("source", card.getAttribute("data-source"));
    data.append("target", target);
    data.append("place", String(place));
    data.append("seen", board().getAttribute("data-seen"));
    busy = true;
    say("", "info");
    return fetch(moveUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Board": "fragment", "X-CSRFToken": csrf() }
    })
      .then(function (response) { return response.json(); })
      .then(function (reply) {
        if (reply.html) { swap(reply.html); }
        say(reply.message, reply.status);
      })
      .catch(function () { say(root.getAttribute("data-error") || "Fejl – prøv igen", "refused"); })
      .then(function () { busy = false; });
  }

  root.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".board-card[draggable=true]");
    if (!card) { return; }
    dragged = card;
    card.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-visit"));
  });

  root.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("is-dragging"); }
    dragged = null;
    root.querySelectorAll(".is-drop-target").forEach(function (el) { el.classList.remove("is-drop-target"); });
  });

  root.addEventListener("dragover", function (event) {
    var column = dragged && event.target.closest && event.target.closest("[data-column]");
    if (!column) { return; }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    column.classList.add("is-drop-target");
  });

  root.addEventListener("dragleave", function (event) {
    var column = event.target.closest && event.target.closest("[data-column]");
    if (column && !column.contains(event.relatedTarget)) { column.classList.remove("is-drop-target"); }
  });

  root.addEventListener("drop", function (event) {
    var column = dragged && event.target.closest && event.target.closest("[data-column]");
    if (!column) { return; }
    event.preventDefault();
    var card = dragged;
    var place = placeIn(column, event.clientY);
    card.classList.remove("is-dragging");
    dragged = null;
    send(card, column.getAttribute("data-column"), place);
  });

  window.setTimeout(poll, pollMs);
}());
