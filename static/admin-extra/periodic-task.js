// django-celery-beat's periodic task form: show the chosen crontab in words under the field
// (its own template does this in an inline script).
(function () {
  var script = document.getElementById("periodic-task-overrides");
  var $ = window.django && window.django.jQuery;
  if (!script || !$) {
    return;
  }
  var readableCrontabs = JSON.parse(document.getElementById("readable-crontabs").textContent);
  var originalHelp = script.dataset.crontabHelp || "";
  $(function () {
    $(".field-crontab_translation").hide();
    $(".field-crontab").change(function () {
      var help = $(".field-crontab .help");
      help.text(originalHelp);
      help.append("<br>");
      help.append(document.createTextNode("Translation: " + (readableCrontabs[$("#id_crontab").val()] || "")));
    });
  });
})();
