// Follows a background job: polls its status every second, moves the progress bar, and
// reloads the page when the job's status changes (checked, imported, failed, ready).
(function () {
  "use strict";
  var root = document.querySelector("[data-job-status-url]");
  if (!root) {
    return;
  }
  var url = root.getAttribute("data-job-status-url");
  var status = root.getAttribute("data-job-status");
  var bar = root.querySelector("progress");
  var label = root.querySelector("[data-job-progress-label]");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (job) {
        if (!job) {
          return;
        }
        if (bar) {
          bar.value = job.progress;
        }
        if (label) {
          label.textContent = job.progress + "% · " + job.label;
        }
        if (job.status !== status) {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }
  window.setTimeout(poll, 1000);
})();
