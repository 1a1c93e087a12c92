/* The score grid: keyboard moves, live validation with Vietnamese reasons, live totals, batch save.
 * Plain JavaScript, no library. Values are kept in hundredths (integers) to avoid float errors.
 * A failed save never touches what is on screen. */
(function () {
  "use strict";
  var grid = document.getElementById("score-grid");
  if (!grid) return;
  var M = JSON.parse(document.getElementById("grid-messages").textContent);
  var statusBox = document.getElementById("grid-status");
  var errorBox = document.getElementById("cell-error");
  var conflictBox = document.getElementById("grid-conflicts");
  var dirtyBox = document.getElementById("grid-dirty");
  var noteInput = document.getElementById("cell-note");
  var saveButton = document.getElementById("grid-save");
  var csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value;
  var frozen = grid.dataset.frozen === "1";
  var fallback = grid.dataset.fallback === "1";

  function toHundredths(text) { return text === "" ? null : Math.round(parseFloat(text) * 100); }
  var bonusCap = toHundredths(grid.dataset.bonusCap || "");
  var penaltyCap = toHundredths(grid.dataset.penaltyCap || "");

  function fmt(h) {
    if (h === null || h === undefined) return "";
    var neg = h < 0, a = Math.abs(h), whole = Math.floor(a / 100), frac = a % 100;
    var text = String(whole);
    if (frac) text += "," + String(frac).padStart(2, "0").replace(/0$/, "");
    return (neg ? "−" : "") + text;
  }
  function msg(key, s, t) { return M[key].replace("%s", s).replace("%t", t || ""); }

  /* The cells: rows[r] = {tr, kind, max, sections, cells: [{td, s, v, m}]} */
  var rows = [], byMember = {}, members = [];
  grid.querySelectorAll("thead th.unit").forEach(function (th) { members.push(th.dataset.m); byMember[th.dataset.m] = []; });
  grid.querySelectorAll("tbody tr.leaf").forEach(function (tr, r) {
    var row = { tr: tr, c: tr.dataset.c, kind: tr.dataset.kind, max: toHundredths(tr.dataset.max),
      sections: tr.dataset.sections ? tr.dataset.sections.split(" ") : [], cells: [] };
    var inputs = tr.querySelectorAll("input");
    for (var i = 0; i < inputs.length; i += 2) {
      var td = inputs[i].parentNode;
      var cell = { row: row, td: td, s: inputs[i], v: inputs[i + 1], m: td.dataset.m, r: r, col: i / 2,
        note: td.dataset.note || "", noteOrig: td.dataset.note || "" };
      inputs[i]._cell = cell; inputs[i + 1]._cell = cell;
      row.cells.push(cell);
      byMember[cell.m].push(cell);
    }
    rows.push(row);
  });
  var sectionCells = {};
  grid.querySelectorAll("tbody tr.section").forEach(function (tr) {
    sectionCells[tr.dataset.section] = tr;
  });

  /* ---- validation ---- */
  function parse(input) {
    var raw = input.value.trim().replace(/\s/g, "");
    if (raw === "") return { value: null };
    var text = raw;
    if (/^-?\d+,\d+$/.test(text)) text = text.replace(",", ".");
    if (!/^-?\d+(\.\d+)?$/.test(text)) return { error: msg("nan", input.value.trim()) };
    if (/\.\d{3,}$/.test(text)) return { error: M.decimals };
    return { value: Math.round(parseFloat(text) * 100) };
  }
  function ownError(input) {
    var cell = input._cell, p = parse(input);
    if (p.error) return p;
    if (p.value === null) return p;
    if (p.value < 0) return { error: M.negative, value: p.value };
    if (p.value > cell.row.max) return { error: msg("over_" + cell.row.kind, fmt(cell.row.max)), value: p.value };
    return p;
  }
  function setError(input, reason) {
    if (input.dataset.error === (reason || "") && input._marked) return;  /* unchanged: touch nothing */
    input._marked = true;
    input.dataset.error = reason || "";
    input.classList.toggle("invalid", !!reason);
    if (reason) { input.setAttribute("aria-invalid", "true"); input.title = reason; }
    else { input.removeAttribute("aria-invalid"); input.title = input._cell.note; }
  }

  function put(td, text) { if (td && td.textContent !== text) td.textContent = text; }

  /* Validate and total one member's column (both fields). */
  function refreshMember(m) {
    var cells = byMember[m];
    ["s", "v"].forEach(function (f) {
      var sums = { criterion: 0, bonus: 0, penalty: 0 }, sections = {}, counted = { criterion: 0, bonus: 0, penalty: 0 };
      var bonusInputs = [], penaltyInputs = [];
      cells.forEach(function (cell) {
        var input = cell[f], res = ownError(input);
        setError(input, res.error);
        var v = res.error ? null : res.value;
        if (v !== null) sums[cell.row.kind] += v;
        if (cell.row.kind === "bonus") bonusInputs.push(input);
        if (cell.row.kind === "penalty") penaltyInputs.push(input);
        /* what counts in the total: self column = self; verified column = verified or (fallback) self */
        var count = v;
        if (f === "v" && count === null && fallback) {
          var so = ownError(cell.s); count = so.error ? null : so.value;
        }
        if (count !== null) {
          counted[cell.row.kind] += count;
          var sign = cell.row.kind === "penalty" ? -1 : 1;
          cell.row.sections.forEach(function (sid) { sections[sid] = (sections[sid] || 0) + sign * count; });
        }
      });
      if (bonusCap !== null && sums.bonus > bonusCap) bonusInputs.forEach(function (i) { if (!i.dataset.error && i.value.trim()) setError(i, msg("cap_bonus", fmt(sums.bonus), fmt(bonusCap))); });
      if (penaltyCap !== null && sums.penalty > penaltyCap) penaltyInputs.forEach(function (i) { if (!i.dataset.error && i.value.trim()) setError(i, msg("cap_penalty", fmt(sums.penalty), fmt(penaltyCap))); });
      var bonus = bonusCap !== null ? Math.min(counted.bonus, bonusCap) : counted.bonus;
      var penalty = penaltyCap !== null ? Math.min(counted.penalty, penaltyCap) : counted.penalty;
      Object.keys(sectionCells).forEach(function (sid) {
        put(sectionCells[sid].querySelector("td.sum." + f + "[data-m='" + m + "']"), fmt(sections[sid] || 0));
      });
      put(grid.querySelector("tfoot td.bonus." + f + "[data-m='" + m + "']"), fmt(bonus));
      put(grid.querySelector("tfoot td.penalty." + f + "[data-m='" + m + "']"), penalty ? fmt(-penalty) : "0");
      put(grid.querySelector("tfoot td.total." + f + "[data-m='" + m + "']"), fmt(counted.criterion + bonus - penalty));
    });
  }

  function changedCells() {
    var out = [];
    rows.forEach(function (row) {
      row.cells.forEach(function (cell) {
        var item = { m: cell.m, c: row.c, ver: parseInt(cell.td.dataset.ver || "0", 10) }, changed = false;
        if (!cell.s.readOnly && cell.s.value.trim() !== cell.s.dataset.orig) { item.s = cell.s.value.trim(); changed = true; }
        if (!cell.v.readOnly && cell.v.value.trim() !== cell.v.dataset.orig) { item.v = cell.v.value.trim(); changed = true; }
        if (cell.note !== cell.noteOrig) { item.n = cell.note; changed = true; }
        if (changed) out.push(item);
      });
    });
    return out;
  }
  /* Cells that differ from what was loaded or last saved, kept up to date cell by cell
   * (counting all 2,400 cells on every key would be felt on a big grid). */
  var dirty = {}, dirtyCount = 0;
  function cellChanged(cell) {
    return (!cell.s.readOnly && cell.s.value.trim() !== cell.s.dataset.orig) ||
      (!cell.v.readOnly && cell.v.value.trim() !== cell.v.dataset.orig) || cell.note !== cell.noteOrig;
  }
  function markDirty(cell) {
    var key = cell.m + "-" + cell.row.c, was = !!dirty[key], now = cellChanged(cell);
    if (now !== was) { if (now) { dirty[key] = true; dirtyCount += 1; } else { delete dirty[key]; dirtyCount -= 1; } }
  }
  function recountDirty() {
    dirty = {}; dirtyCount = 0;
    rows.forEach(function (row) { row.cells.forEach(markDirty); });
  }
  function showDirty() {
    var n = dirtyCount;
    dirtyBox.textContent = n ? msg("dirty", n) : "";
    dirtyBox.classList.toggle("dirty", n > 0);
  }
  function invalidCount() { return grid.querySelectorAll("input.invalid").length; }

  /* ---- drafts: what was typed survives a reload, a crash or a refused save ---- */
  var draftKey = "scoregrid:" + grid.dataset.user + ":" + grid.dataset.saveUrl;
  var draftTimer = null;
  function storeDraft() {
    try {
      var cells = changedCells();
      if (cells.length) window.localStorage.setItem(draftKey, JSON.stringify(cells));
      else window.localStorage.removeItem(draftKey);
    } catch (err) { /* storage full or disabled: the values stay on screen */ }
  }
  function scheduleDraft() { clearTimeout(draftTimer); draftTimer = setTimeout(storeDraft, 400); }
  function clearDraft() { try { window.localStorage.removeItem(draftKey); } catch (err) { /* ignore */ } }
  function restoreDraft() {
    var cells;
    try { cells = JSON.parse(window.localStorage.getItem(draftKey) || "null"); } catch (err) { cells = null; }
    if (!cells || !cells.length) return 0;
    var n = 0;
    cells.forEach(function (item) {
      var cell = findCell(item.m, item.c);
      if (!cell) return;
      if ("s" in item && !cell.s.readOnly) cell.s.value = item.s;
      if ("v" in item && !cell.v.readOnly) cell.v.value = item.v;
      if ("n" in item) { cell.note = item.n; cell.td.classList.toggle("has-note", !!item.n); }
      /* keep the version the values were typed against, so that the save is checked against it */
      cell.td.dataset.ver = item.ver;
      n += 1;
    });
    return n;
  }

  /* The reason of the cell being typed in; else, while some cell is still invalid, the first one's. */
  function showActiveError(input) {
    var shown = input && input.dataset.error ? input : grid.querySelector("input.invalid");
    var text = "";
    if (shown) {
      text = shown.getAttribute("aria-label") + ": " + shown.dataset.error;
      var others = invalidCount() - 1;
      if (shown !== input || others > 0) text = msg("invalid_cells", invalidCount()) + " " + text;
    }
    if (errorBox.textContent !== text) errorBox.textContent = text;
    errorBox.classList.toggle("shown", !!text);
  }

  /* ---- keyboard ---- */
  var active = null;
  function focusCell(r, col, f) {
    if (r < 0 || r >= rows.length) return false;
    var row = rows[r];
    if (col < 0 || col >= row.cells.length) return false;
    var input = row.cells[col][f];
    input.focus();
    input.select();
    return true;
  }
  function move(input, dr, dcol, dfield) {
    var cell = input._cell, f = input.dataset.f;
    var col = cell.col, r = cell.r;
    if (dfield) {
      /* left/right: s -> v in the same unit, v -> s of the next unit */
      if (dfield > 0) { if (f === "s") f = "v"; else { f = "s"; col += 1; } }
      else { if (f === "v") f = "s"; else { f = "v"; col -= 1; } }
    }
    return focusCell(r + dr, col + dcol, f);
  }
  grid.addEventListener("keydown", function (e) {
    var input = e.target;
    if (input.tagName !== "INPUT") return;
    var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    var atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
    if (e.key === "ArrowDown" || (e.key === "Enter" && !e.shiftKey)) { e.preventDefault(); move(input, 1, 0, 0); }
    else if (e.key === "ArrowUp" || (e.key === "Enter" && e.shiftKey)) { e.preventDefault(); move(input, -1, 0, 0); }
    else if (e.key === "ArrowRight" && (atEnd || all)) { e.preventDefault(); move(input, 0, 0, 1); }
    else if (e.key === "ArrowLeft" && (atStart || all)) { e.preventDefault(); move(input, 0, 0, -1); }
    else if (e.key === "Escape") { input.value = input._before; refreshMember(input._cell.m); showActiveError(input); markDirty(input._cell); showDirty(); input.select(); }
    else if ((e.key === "n" || e.key === "N") && e.altKey) { e.preventDefault(); if (!noteInput.disabled) noteInput.focus(); }
  });
  /* The criterion columns, the header and the totals stick to the edges: scroll so that they never
   * cover the cell being typed in. */
  var wrap = grid.parentNode;
  function keepVisible(input) {
    var r = input.getBoundingClientRect(), w = wrap.getBoundingClientRect();
    var title = input._cell.row.tr.querySelector(".c-title").getBoundingClientRect();
    var head = grid.tHead.getBoundingClientRect(), foot = grid.tFoot.getBoundingClientRect();
    if (r.left < title.right) wrap.scrollLeft -= title.right - r.left + 8;
    else if (r.right > w.right) wrap.scrollLeft += r.right - w.right + 8;
    if (r.top < head.bottom) wrap.scrollTop -= head.bottom - r.top + 4;
    else if (r.bottom > foot.top && foot.top < w.bottom) wrap.scrollTop += r.bottom - foot.top + 4;
  }
  grid.addEventListener("focusin", function (e) {
    var input = e.target;
    if (input.tagName !== "INPUT") return;
    active = input;
    input._before = input.value;
    grid.querySelectorAll(".active-row").forEach(function (el) { el.classList.remove("active-row"); });
    input._cell.row.tr.classList.add("active-row");
    keepVisible(input);
    noteInput.disabled = frozen || (input._cell.s.readOnly && input._cell.v.readOnly);
    noteInput.value = input._cell.note;
    showActiveError(input);
  });
  grid.addEventListener("input", function (e) {
    var input = e.target;
    if (input.tagName !== "INPUT") return;
    refreshMember(input._cell.m);
    showActiveError(input);
    markDirty(input._cell);
    showDirty();
    scheduleDraft();
    if (statusBox.dataset.invalid === "1" && !invalidCount()) setStatus("", "info");
  });
  noteInput.addEventListener("input", function () {
    if (!active) return;
    var cell = active._cell;
    cell.note = noteInput.value;
    cell.td.classList.toggle("has-note", !!cell.note);
    markDirty(cell);
    showDirty();
    scheduleDraft();
  });
  noteInput.addEventListener("keydown", function (e) {
    if ((e.key === "Enter" || e.key === "Escape") && active) { e.preventDefault(); active.focus(); active.select(); }
  });
  document.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && (e.key === "s" || e.key === "S")) { e.preventDefault(); save(); }
  });
  window.addEventListener("beforeunload", function (e) {
    storeDraft();
    if (dirtyCount) { e.preventDefault(); e.returnValue = M.leave; return M.leave; }
  });

  /* ---- saving ---- */
  function setStatus(text, kind, link) {
    statusBox.dataset.invalid = "0";
    statusBox.className = text ? "msg msg-" + kind : "";
    statusBox.textContent = text;
    if (link) {
      var a = document.createElement("a");
      a.href = link; a.textContent = " " + M.ranking; a.className = "after-save-ranking";
      statusBox.appendChild(document.createTextNode(" "));
      statusBox.appendChild(a);
    }
  }
  function findCell(m, c) {
    for (var r = 0; r < rows.length; r++) {
      if (rows[r].c !== String(c)) continue;
      for (var i = 0; i < rows[r].cells.length; i++) if (rows[r].cells[i].m === String(m)) return rows[r].cells[i];
    }
    return null;
  }
  var saving = false;
  function save() {
    if (saving || frozen || !saveButton) return;
    members.forEach(refreshMember);
    var bad = invalidCount();
    if (bad) { setStatus(msg("invalid", bad), "error"); statusBox.dataset.invalid = "1"; var first = grid.querySelector("input.invalid"); first.focus(); first.select(); return; }
    var cells = changedCells();
    if (!cells.length) { setStatus(M.nothing, "info"); return; }
    saving = true; saveButton.disabled = true;
    setStatus(M.saving, "info");
    conflictBox.hidden = true; conflictBox.innerHTML = "";
    grid.querySelectorAll("td.conflict").forEach(function (td) { td.classList.remove("conflict"); });
    fetch(grid.dataset.saveUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json" },
      body: JSON.stringify({ table_version: grid.dataset.tableVersion, cells: cells })
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (res) {
      var data = res.data;
      if (data.ok) {
        cells.forEach(function (item) {
          var cell = findCell(item.m, item.c);
          if ("s" in item) cell.s.dataset.orig = cell.s.value.trim();
          if ("v" in item) cell.v.dataset.orig = cell.v.value.trim();
          cell.noteOrig = cell.note;
          var ver = data.versions[item.m + "-" + item.c];
          if (ver !== undefined) cell.td.dataset.ver = ver;
        });
        storeDraft();
        setStatus(data.message, "success", data.ranking_url);
      } else {
        Object.keys(data.errors || {}).forEach(function (key) {
          var parts = key.split("-"), cell = findCell(parts[0], parts[1]);
          if (cell) setError(parts[2] === "v" ? cell.v : cell.s, data.errors[key]);
        });
        (data.conflicts || []).forEach(function (c) {
          var cell = findCell(c.member_id, c.criterion_id);
          if (cell) { cell.td.dataset.ver = c.version; cell.td.classList.add("conflict"); cell.v.parentNode.classList.add("conflict"); }
          var li = document.createElement("li");
          li.textContent = M.conflict_item.replace("%u", c.unit).replace("%c", c.criterion).replace("%b", c.by)
            .replace("%s", c.self_score || "—").replace("%v", c.verified_score || "—");
          conflictBox.appendChild(li);
        });
        if ((data.conflicts || []).length) {
          var help = document.createElement("li"); help.className = "muted"; help.textContent = M.conflict_help;
          conflictBox.appendChild(help); conflictBox.hidden = false;
        }
        setStatus(data.message || M.network, "error");
        if (active) showActiveError(active);
      }
    }).catch(function () {
      setStatus(M.network, "error");
    }).then(function () {
      saving = false; saveButton.disabled = false; recountDirty(); showDirty();
    });
  }
  if (saveButton) saveButton.addEventListener("click", save);

  var restored = frozen ? 0 : restoreDraft();
  members.forEach(refreshMember);
  recountDirty();
  showDirty();
  if (restored) setStatus(msg("restored", restored), "warning");
  /* Start in the first editable cell so the keyboard is enough. */
  var first = grid.querySelector("tbody input:not([readonly])");
  if (first && !frozen) { first.focus(); first.select(); }
})();
