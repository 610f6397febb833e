/* The request form: the city list follows the province, and a second click does not resubmit.
   Without this script the form still works: a button next to the province refreshes the list. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var province = document.getElementById("id_province");
  var city = document.getElementById("id_city");
  var status = document.getElementById("city-status");
  if (province && city && window.fetch) {
    province.addEventListener("change", function () {
      var url = city.dataset.citiesUrl + "?province=" + encodeURIComponent(province.value);
      city.disabled = true;
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (data) {
          city.replaceChildren(new Option(city.dataset.placeholder, ""));
          data.cities.forEach(function (item) { city.add(new Option(item.name, item.code)); });
          city.disabled = false;
          status.textContent = city.dataset.updatedText;
        })
        .catch(function () {
          city.disabled = false;
          document.documentElement.classList.remove("js");
          status.textContent = city.dataset.failedText;
        });
    });
  }

  var form = document.getElementById("tech-request-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (button && button.name === "_refresh_cities") { return; }
      if (form.dataset.submitting) { event.preventDefault(); return; }
      form.dataset.submitting = "true";
      var submit = document.getElementById("submit-request");
      if (submit) { submit.setAttribute("aria-disabled", "true"); }
    });
  }
})();
