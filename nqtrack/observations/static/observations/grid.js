/* The entry grid: Excel-like keys, pasting a block, a panel for the focused cell, and sending only the
   edited cells. Plain script, no library; the page works (less comfortably) without it. */
(function () {
  "use strict";
  var form = document.getElementById("entry-grid");
  if (!form) { return; }
  var panel = {
    label: document.getElementById("panel-label"),
    status: document.getElementById("panel-status"),
    source: document.getElementById("panel-source"),
    comment: document.getElementById("panel-comment"),
    history: document.getElementById("panel-history")
  };
  var current = null;
  // Arrow key → [rows, columns] to move.
  var ARROWS = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

  function field(td, prefix) {
    return td.querySelector('input[name="' + prefix + "-" + td.dataset.key + '"]');
  }
  function edited(td) {
    return ["v", "s", "src", "n"].some(function (prefix) {
      var input = field(td, prefix);
      return input && input.value !== input.dataset.original;
    });
  }
  function mark(td) {
    td.classList.toggle("cell-edited", edited(td));
  }
  function rowsOf() {
    return Array.prototype.slice.call(form.querySelectorAll("tbody tr:not(.group-row)"));
  }
  function cellsOf(tr) {
    return Array.prototype.slice.call(tr.querySelectorAll("td.cell"));
  }
  function place(input) {
    var td = input.closest("td");
    var tr = td.parentElement;
    return { rows: rowsOf(), tr: tr, row: rowsOf().indexOf(tr), column: cellsOf(tr).indexOf(td) };
  }
  function valueAt(rows, row, column) {
    var tr = rows[row];
    var td = tr ? cellsOf(tr)[column] : null;
    return td ? td.querySelector("input.v") : null;
  }

  function select(td) {
    current = td;
    panel.label.textContent = td.dataset.label;
    panel.status.value = field(td, "s").value || "official";
    panel.source.value = field(td, "src").value;
    panel.comment.value = field(td, "n").value;
    panel.history.href = td.dataset.history;
    var locked = td.classList.contains("cell-locked");
    [panel.status, panel.source, panel.comment].forEach(function (el) { el.disabled = locked; });
  }
  function fromPanel() {
    if (!current) { return; }
    field(current, "s").value = panel.status.value;
    field(current, "src").value = panel.source.value.trim();
    field(current, "n").value = panel.comment.value.trim();
    mark(current);
  }
  [panel.status, panel.source, panel.comment].forEach(function (el) {
    el.addEventListener("input", fromPanel);
    el.addEventListener("change", fromPanel);
    el.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && current) { current.querySelector("input.v").focus(); }
    });
  });

  form.addEventListener("focusin", function (event) {
    if (event.target.matches("input.v")) { select(event.target.closest("td")); }
  });
  form.addEventListener("input", function (event) {
    if (event.target.matches("input.v")) { mark(event.target.closest("td")); }
  });
  form.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches("input.v")) { return; }
    if (event.key === "F2") {
      event.preventDefault();
      panel.status.focus();
      return;
    }
    if (event.key === "Enter") {
      // Enter saves, as the button does (keyboard alone: type, arrows, Enter).
      event.preventDefault();
      var save = document.getElementById("save");
      if (save) { save.click(); }
      return;
    }
    var step = ARROWS[event.key];
    if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    // Left and right move to the next cell only from the edge of the text, so the caret still moves in it.
    var atStart = input.selectionStart === 0;
    var atEnd = input.selectionEnd === input.value.length;
    if ((step[1] < 0 && !atStart) || (step[1] > 0 && !atEnd)) { return; }
    var at = place(input);
    var next = valueAt(at.rows, at.row + step[0], at.column + step[1]);
    if (!next) { return; }
    event.preventDefault();
    next.focus();
    next.select();
  });
  form.addEventListener("paste", function (event) {
    var input = event.target;
    if (!input.matches("input.v")) { return; }
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!/[\t\n]/.test(text.replace(/\s+$/, ""))) { return; }
    event.preventDefault();
    var lines = text.replace(/\r/g, "").replace(/\n+$/, "").split("\n");
    var at = place(input);
    lines.forEach(function (line, r) {
      line.split("\t").forEach(function (cell, c) {
        var target = valueAt(at.rows, at.row + r, at.column + c);
        if (target && !target.readOnly) {
          target.value = cell.trim();
          mark(target.closest("td"));
        }
      });
    });
  });
  form.addEventListener("submit", function () {
    // Send only the edited cells: an untouched cell must not overwrite a change made meanwhile.
    form.querySelectorAll("td.cell").forEach(function (td) {
      if (!edited(td)) {
        td.querySelectorAll("input").forEach(function (el) { el.disabled = true; });
      }
    });
  });
  form.querySelectorAll("td.cell").forEach(mark);
  [panel.status, panel.source, panel.comment].forEach(function (el) { el.disabled = true; });
}());
