/* New-year page: every [data-year-text] shows the year typed in the year box as it is typed
 * ("Mở năm 2027", "Xác nhận mở năm 2027"). The server renders the same text for a posted year
 * (preview or errors) and for ?year=, so the page reads the same without JavaScript. */
(function () {
  "use strict";
  var box = document.getElementById("id_year");
  if (!box) return;
  box.addEventListener("input", function () {
    var year = box.value.trim();
    if (!/^\d{4}$/.test(year)) return;
    document.querySelectorAll("[data-year-text]").forEach(function (el) { el.textContent = year; });
    document.title = document.title.replace(/\b\d{4}\b/, year);
  });
})();
