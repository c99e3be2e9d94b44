// The indicator library's picker in the target and project editors: typing in a 三级指标 box
// offers the library's names and the unit's own indicators of earlier years (with their last
// target and actual) in a datalist; choosing one fills the row's 一级/二级指标, 度量单位 and
// 指标性质. The entries come from the page (json_script); nothing is computed here.
(function () {
  "use strict";
  var node = document.getElementById("library-data");
  if (!node) return;
  var entries = JSON.parse(node.textContent);
  if (!entries.length) return;
  var byName = {};
  var list = document.createElement("datalist");
  list.id = "library-names";
  entries.forEach(function (e) {
    byName[e.name] = e;
    var option = document.createElement("option");
    option.value = e.name;
    var where = e.level1 ? e.level1 + " › " + e.level2 + (e.unit ? " · " + e.unit : "") + " · " : "";
    var last = e.last_target || e.last_actual
      ? "：目标 " + (e.last_target || "—") + "，完成 " + (e.last_actual || "—")
      : "";
    option.label = where + e.kind + last;
    list.appendChild(option);
  });
  document.body.appendChild(list);
  var NAME = /^(.*indicators-\d+-)name$/;

  function attach(root) {
    root.querySelectorAll("input[name]").forEach(function (input) {
      if (NAME.test(input.name)) input.setAttribute("list", "library-names");
    });
  }

  function set(form, name, value) {
    var field = form && form.elements[name];
    if (!field || !value) return;
    if (field.tagName === "SELECT") {
      var known = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
      if (!known) field.add(new Option(value, value));
    }
    field.value = value;
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function fill(event) {
    var input = event.target;
    if (!input.name || !NAME.test(input.name)) return;
    var entry = byName[input.value];
    if (!entry) return;
    var prefix = input.name.match(NAME)[1];
    ["level1", "level2", "unit", "nature"].forEach(function (key) { set(input.form, prefix + key, entry[key]); });
  }

  attach(document);
  document.addEventListener("htmx:afterSwap", function (event) { attach(event.target); });
  document.addEventListener("change", fill);
  document.addEventListener("input", fill);
})();
