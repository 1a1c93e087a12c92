// A "select all" checkbox (data-select-all="<field name>") ticks or clears every checkbox of that name in
// its form. Delegated from the document, so it keeps working after htmx swaps the table.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("input[type=checkbox][data-select-all]")) return;
  var form = box.closest("form");
  if (!form) return;
  form.querySelectorAll('input[type=checkbox][name="' + box.dataset.selectAll + '"]').forEach(function (c) {
    c.checked = box.checked;
  });
});
