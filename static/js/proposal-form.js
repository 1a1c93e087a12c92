// Show only the fields of the chosen subject (the server ignores the others anyway).
(function () {
  var select = document.getElementById("id_subject");
  if (!select) return;
  var awards = JSON.parse(document.getElementById("award-subjects").textContent);
  var award = document.getElementById("id_award_type");
  function sync() {
    document.querySelectorAll("fieldset[data-subject]").forEach(function (fs) { fs.hidden = fs.dataset.subject !== select.value; });
    Array.prototype.forEach.call(award.options, function (opt) {
      var only = awards[opt.value];
      opt.hidden = opt.disabled = Boolean(only) && only !== select.value;
    });
    if (award.selectedOptions.length && award.selectedOptions[0].disabled) { award.value = ""; }
  }
  select.addEventListener("change", sync);
  sync();
})();
