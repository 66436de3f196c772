// SPDX-License-Identifier: AGPL-3.0-or-later
// Copyright (c) 2026 The Nærhed authors
// The grant form: choosing a service fills in its default duration, priority, two carers and screen
// visit; choosing delegated nursing (SUL §138) shows the time-limit hint and, when the end date is
// empty, sets it a few months after the start. The server validates everything again.
(function () {
  "use strict";
  var form = document.querySelector("[data-grant-form]");
  var data = document.getElementById("service-defaults");
  if (!form || !data) { return; }
  var defaults = JSON.parse(data.textContent);
  var months = parseInt(form.getAttribute("data-nursing-months"), 10) || 3;
  var field = function (name) { return form.querySelector("[name='" + name + "']"); };
  var service = field("service"), startsOn = field("starts_on"), endsOn = field("ends_on");
  var hint = document.getElementById("nursing-hint");

  function monthsAfter(iso, n) {
    var parts = iso.split("-").map(Number);
    var last = new Date(Date.UTC(parts[0], parts[1] - 1 + n + 1, 0)).getUTCDate();
    var day = new Date(Date.UTC(parts[0], parts[1] - 1 + n, Math.min(parts[2], last)));
    return day.toISOString().slice(0, 10);
  }

  // Only a choice made on the page fills fields in; opening a saved grant changes nothing.
  function showHint() {
    var chosen = defaults[service.value];
    hint.hidden = !(chosen && chosen.nursing);
    return chosen;
  }

  service.addEventListener("change", function () {
    var chosen = showHint();
    if (!chosen) { return; }
    field("duration").value = chosen.duration;
    field("priority").value = String(chosen.priority);
    field("two_carers").checked = chosen.two_carers;
    field("remote").checked = chosen.remote;
    if (chosen.nursing && !endsOn.value && startsOn.value) {
      endsOn.value = monthsAfter(startsOn.value, months);
    }
  });
  showHint();
})();
