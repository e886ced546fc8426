// Saves each answer as it is given; the time left comes from the server (the page only counts
// it down and reloads at zero, when the server closes the attempt).
(function () {
  "use strict";
  var form = document.getElementById("test-form");
  var timer = document.getElementById("timer");
  if (!form || !timer) return;
  var status = document.getElementById("save-status");
  var shown = document.getElementById("time-left");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var left = parseInt(timer.dataset.left, 10);
  var end = Date.now() + left * 1000;

  function show() {
    var s = Math.max(0, Math.round((end - Date.now()) / 1000));
    var m = Math.floor(s / 60);
    shown.textContent = m + ":" + String(s % 60).padStart(2, "0");
    if (s <= 0) { window.clearInterval(tick); window.setTimeout(function () { window.location.reload(); }, 11000); }
  }
  var tick = window.setInterval(show, 1000);
  show();

  form.addEventListener("change", function (event) {
    var input = event.target;
    var box = input.closest("fieldset.question");
    if (!box || input.type !== "radio") return;
    var hidden = box.querySelector("input[type=hidden]");
    status.textContent = timer.dataset.saving || "…";
    fetch(form.dataset.answerUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      body: JSON.stringify({question: box.dataset.question, choice: input.value, version: box.dataset.version})
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    }).then(function (r) {
      if (r.ok) {
        box.dataset.version = r.data.version;
        hidden.value = r.data.version;
        box.dataset.saved = "1";
        end = Date.now() + r.data.left * 1000;
        status.textContent = timer.dataset.saved || "✓";
      } else {
        status.textContent = r.data.error;
        if (r.data.closed) window.location.reload();
      }
    }).catch(function () {
      status.textContent = timer.dataset.offline || "!";
    });
  });
})();
