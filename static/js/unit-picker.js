/* Unit picker: search-as-you-type over the units endpoint instead of a select listing every unit.
 * Plain JavaScript, no library. Enhances every [data-unit-picker] rendered by blocs.forms.UnitPicker:
 * the text box becomes a combobox (ARIA 1.2 pattern): typing asks the server (at most 20 units),
 * ArrowDown/ArrowUp move, Enter picks, Escape closes. Single: the picked unit goes into the
 * (hidden) select that the form posts. Multiple: each picked unit becomes a checked checkbox.
 * Without JavaScript the widget still works: the user types the full name and the server resolves it. */
(function () {
  "use strict";
  var counter = 0;

  function enhance(root) {
    if (root.dataset.enhanced) return;
    root.dataset.enhanced = "1";
    var multiple = root.dataset.multiple === "1";
    var url = root.dataset.searchUrl;
    var input = root.querySelector(".unit-picker-text");
    var list = root.querySelector(".unit-picker-list");
    var status = root.querySelector(".unit-picker-status");
    var select = root.querySelector("select.unit-picker-value");
    var chosen = root.querySelector(".unit-picker-chosen");
    if (!input || !list || !url) return;
    var uid = "up" + (++counter);
    var items = [], active = -1, timer = null, seq = 0, lastQuery = null;

    // The text box is now only for searching: it must not be posted.
    input.removeAttribute("name");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var nojs = root.querySelector(".unit-picker-nojs");
    if (nojs) nojs.remove();
    var keepSelect = root.dataset.keepSelect === "1";  // a select of suggestions stays; the box searches the rest
    if (select && !keepSelect) {
      select.hidden = true;
      select.tabIndex = -1;
      input.value = chosenText();
    }

    function chosenText() {
      var current = select && select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null;
      return current && current.value ? current.text : "";
    }

    function chosenIds() {
      if (select) return select.value ? [select.value] : [];
      return Array.prototype.map.call(chosen.querySelectorAll("input[type=checkbox]:checked"), function (cb) { return cb.value; });
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(i) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (i + options.length) % options.length;
      options.forEach(function (li, k) { li.setAttribute("aria-selected", k === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function render(results, more) {
      list.textContent = "";
      items = results;
      results.forEach(function (u, i) {
        var li = document.createElement("li");
        li.id = uid + "-opt-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.id = u.id;
        var name = document.createElement("span");
        name.textContent = u.name;
        li.appendChild(name);
        if (u.detail) {
          var detail = document.createElement("small");
          detail.className = "muted";
          detail.textContent = " " + u.detail;
          li.appendChild(detail);
        }
        li.addEventListener("mousedown", function (e) { e.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      if (!results.length) {
        var none = document.createElement("li");
        none.className = "unit-picker-empty muted";
        none.textContent = root.dataset.msgNone;
        list.appendChild(none);
      } else if (more) {
        var hint = document.createElement("li");
        hint.className = "unit-picker-more muted small";
        hint.textContent = root.dataset.msgMore;
        list.appendChild(hint);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = results.length ? root.dataset.msgCount.replace("%s", results.length) : root.dataset.msgNone;
      active = -1;
      if (results.length) setActive(0);
    }

    function search() {
      var q = input.value.trim();
      if (!q) { close(); lastQuery = null; return; }
      var key = q + "|" + chosenIds().join(",");
      if (key === lastQuery && !list.hidden) return;
      lastQuery = key;
      var mine = ++seq;
      var sep = url.indexOf("?") === -1 ? "?" : "&";
      fetch(url + sep + "q=" + encodeURIComponent(q) + "&exclude=" + encodeURIComponent(chosenIds().join(",")),
        { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) { if (mine === seq) render(data.results || [], data.more); })
        .catch(function () { if (mine === seq) { status.textContent = root.dataset.msgError; close(); } });
    }

    function pick(i) {
      var u = items[i];
      if (!u) return;
      clearTimeout(timer);
      seq++;  // an answer still on its way must not reopen the list
      if (select) {
        var opt = Array.prototype.find.call(select.options, function (o) { return o.value === String(u.id); });
        if (!opt) {
          opt = new Option(u.name, u.id);
          select.add(opt);
        }
        select.value = String(u.id);
        input.value = keepSelect ? "" : u.name;
      } else {
        var cbId = uid + "-cb-" + u.id;
        var existing = chosen.querySelector('input[value="' + u.id + '"]');
        if (existing) {
          existing.checked = true;
        } else {
          var li = document.createElement("li");
          var cb = document.createElement("input");
          cb.type = "checkbox"; cb.name = root.dataset.name; cb.value = u.id; cb.id = cbId; cb.checked = true;
          var label = document.createElement("label");
          label.htmlFor = cbId; label.textContent = u.name;
          var detail = document.createElement("small");
          detail.className = "muted"; detail.textContent = u.detail || "";
          li.appendChild(cb); li.appendChild(document.createTextNode(" ")); li.appendChild(label);
          li.appendChild(document.createTextNode(" ")); li.appendChild(detail);
          chosen.appendChild(li);
        }
        input.value = "";
      }
      status.textContent = u.name;
      close();
      lastQuery = null;
      root.dispatchEvent(new CustomEvent("unit-picked", { bubbles: true, detail: u }));
    }

    input.addEventListener("input", function () {
      if (select && !keepSelect && !input.value.trim()) select.value = "";
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (list.hidden) { lastQuery = null; clearTimeout(timer); search(); return; }
        setActive(active + (e.key === "ArrowDown" ? 1 : -1));
      } else if (e.key === "Enter") {
        if (!list.hidden) {
          e.preventDefault();  // Enter picks; it does not submit the form while the list is open
          if (active >= 0) pick(active);
        } else if (input.value.trim() && (multiple || keepSelect || input.value !== chosenText())) {
          // Text typed but nothing picked yet: search now rather than submit the form.
          e.preventDefault();
          clearTimeout(timer);
          lastQuery = null;
          search();
        }
      } else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(close, 100);
      if (select && !keepSelect) {
        // The box shows the chosen unit; text that was not picked does not stay as if it were chosen.
        input.value = chosenText();
      }
    });
  }

  // Leader and deputy selects of a new year list the members chosen so far: add the picked ones.
  document.addEventListener("unit-picked", function (e) {
    var name = e.target.dataset.name;
    document.querySelectorAll('select[data-unit-options-from="' + name + '"]').forEach(function (sel) {
      var has = Array.prototype.some.call(sel.options, function (o) { return o.value === String(e.detail.id); });
      if (!has) sel.add(new Option(e.detail.name, e.detail.id));
    });
  });

  document.querySelectorAll("[data-unit-picker]").forEach(enhance);
})();
