// Behaviour the admin's templates would otherwise put in inline handlers, which the
// Content-Security-Policy refuses: here as a script file of the portal's own.
document.addEventListener("DOMContentLoaded", function () {
  // The header's language switch submits itself when a language is chosen.
  var select = document.getElementById("admin-language");
  if (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  }
  // django-import-export's export form: "Select all" fields (templates/admin/import_export/
  // export.html is its template without the inline onchange).
  if (typeof window.onSelectToggleChange === "function") {
    document.querySelectorAll("input.select-toggle").forEach(function (toggle) {
      toggle.addEventListener("change", window.onSelectToggleChange);
    });
  }
});
