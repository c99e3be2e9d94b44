// The main menu is a <details> element rendered open, so it works without script. On a phone
// it starts folded behind 菜单; on a desktop it stays open (its summary is hidden by CSS).
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 760px)");
  function fit() {
    var menu = document.getElementById("menu");
    if (menu) { menu.open = !narrow.matches; }
  }
  document.addEventListener("DOMContentLoaded", fit);
  if (narrow.addEventListener) { narrow.addEventListener("change", fit); }
})();
