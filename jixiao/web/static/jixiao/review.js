// Review screens: a 常用审核意见 button adds its phrase to the comment box; on the editor, each
// comment on a single field is shown again beside that field (the list at the top has them all).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }
  ready(function () {
    var box = document.getElementById("review-comment");
    document.querySelectorAll("button[data-phrase]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!box) return;
        var phrase = button.getAttribute("data-phrase");
        box.value = box.value.trim() ? box.value.replace(/\s*$/, "\n") + phrase : phrase;
        box.focus();
      });
    });
    document.querySelectorAll(".field-comment[data-field]").forEach(function (item) {
      var field = document.getElementById("f-" + item.getAttribute("data-field"));
      if (!field || !field.parentNode) return;
      var note = document.createElement("p");
      note.className = "field-note" + (item.classList.contains("answered") ? " answered" : "");
      note.textContent = "审核意见：" + item.querySelector(".text").textContent;
      field.parentNode.insertBefore(note, field.nextSibling);
      var describedBy = field.getAttribute("aria-describedby");
      note.id = "note-" + item.id;
      field.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + note.id);
    });
  });
})();
