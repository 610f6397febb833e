// The admin's language switch submits itself when a language is chosen (a script file, not an
// inline handler, so the Content-Security-Policy needs no inline-script exception).
document.addEventListener("DOMContentLoaded", function () {
  var select = document.getElementById("admin-language");
  if (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  }
});
