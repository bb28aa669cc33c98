// "Try it": a busy indicator while the server extracts (the first call loads the models), and the
// result's JSON as a download built from the JSON embedded in the page (nothing is fetched again).
"use strict";
(function () {
  var form = document.querySelector("form.try");
  var busy = document.getElementById("try-busy");
  if (form && busy) {
    form.addEventListener("submit", function () {
      busy.hidden = false;
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
    });
  }
  var link = document.getElementById("try-json");
  var data = document.getElementById("try-data");
  if (link && data) {
    var result = JSON.parse(data.textContent || "{}");
    delete result.segments;  // highlighting cuts, not part of the contract's record
    var blob = new Blob([JSON.stringify(result, null, 2)], {type: "application/json"});
    link.href = URL.createObjectURL(blob);
  }
})();
