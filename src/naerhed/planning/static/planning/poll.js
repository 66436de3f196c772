// SPDX-License-Identifier: AGPL-3.0-or-later
// Copyright (c) 2026 The Nærhed authors
// While a run is queued or running, fetch its status box every 2 s and swap it in;
// when the box says the run has ended, reload the page to show the result.
(function () {
  "use strict";
  var box = document.querySelector("[data-poll-url]");
  if (!box) { return; }
  var url = box.getAttribute("data-poll-url");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var fresh = holder.firstElementChild;
        if (fresh && fresh.hasAttribute("data-poll-url")) {
          box.replaceWith(fresh);
          box = fresh;
          window.setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
}());
