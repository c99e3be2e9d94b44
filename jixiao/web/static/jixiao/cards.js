// On a phone every table.grid is shown as cards with its column heads hidden; a cell that
// does not say what it is (no data-label from the template) takes its column head's text, and
// a cell with nothing in it is marked blank (a card leaves it out rather than print "得分：").
(function () {
  "use strict";
  function label() {
    var tables = document.querySelectorAll("table.grid");
    for (var t = 0; t < tables.length; t++) {
      var heads = tables[t].querySelectorAll("thead tr:last-child th");
      if (!heads.length) { continue; }
      var names = [];
      for (var h = 0; h < heads.length; h++) {
        var span = parseInt(heads[h].getAttribute("colspan") || "1", 10);
        for (var s = 0; s < span; s++) { names.push(heads[h].textContent.trim()); }
      }
      var rows = tables[t].querySelectorAll("tbody > tr");
      for (var r = 0; r < rows.length; r++) {
        var cells = rows[r].children;
        if (cells.length !== names.length) { continue; }  // a summary or empty row
        for (var c = 0; c < cells.length; c++) {
          if (names[c] && !cells[c].hasAttribute("data-label")) {
            cells[c].setAttribute("data-label", names[c]);
          }
          if (!cells[c].textContent.trim() && !cells[c].querySelector("input, select, button, a, img")) {
            cells[c].classList.add("blank");
          }
        }
      }
    }
  }
  document.addEventListener("DOMContentLoaded", label);
})();
