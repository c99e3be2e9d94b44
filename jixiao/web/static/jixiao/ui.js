/* Page behaviour without inline scripts (the Content-Security-Policy allows none):
   - data-confirm on a form: ask before submitting;
   - data-select-on-click on an input: select its text when clicked;
   - data-autosubmit on a select: submit its form on change;
   - data-navigate on a select: go to the chosen option's value;
   - data-check-all on a checkbox: tick or untick every box its selector names;
   - data-keep-draft on a form: keep what is typed in this browser until it is saved, and offer
     it back when the page is opened again (after a session timeout, a crash, a closed tab);
   - the session warning: before the idle timeout, say so and offer to stay logged in. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  }, true);
  document.addEventListener("click", function (event) {
    var el = event.target;
    if (el.hasAttribute && el.hasAttribute("data-select-on-click")) { el.select(); }
  });
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!el.hasAttribute) { return; }
    if (el.hasAttribute("data-autosubmit") && el.form) { el.form.submit(); }
    if (el.hasAttribute("data-navigate") && el.value) { window.location.href = el.value; }
    if (el.hasAttribute("data-check-all")) {
      document.querySelectorAll(el.getAttribute("data-check-all")).forEach(function (box) {
        box.checked = el.checked;
      });
    }
  });

  /* ---- Unsaved text kept in this browser ---- */
  var PREFIX = "jixiao-draft:";

  function fieldsOf(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "hidden" || el.type === "file" || el.type === "submit") { return; }
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) { return; }
      values[el.name] = el.value;
    });
    return values;
  }

  function sameValues(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function keepDrafts(form) {
    var key = PREFIX + form.dataset.keepDraft;
    var family = key.replace(/:v\d+$/, ":v");
    var loaded = fieldsOf(form);
    var stored = null;
    try {
      // A draft of an older version was saved since (the version moved on): forget it.
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var k = window.localStorage.key(i);
        if (k && k.indexOf(family) === 0 && k !== key) { window.localStorage.removeItem(k); }
      }
      stored = JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (e) { stored = null; }
    if (stored && stored.values && !sameValues(stored.values, loaded)) {
      offer(form, key, stored);
    } else if (stored) {
      window.localStorage.removeItem(key);
    }
    var timer = null;
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        try {
          window.localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: fieldsOf(form) }));
        } catch (e) { /* storage full or disabled: nothing more can be kept */ }
      }, 400);
    });
  }

  function offer(form, key, stored) {
    var box = document.createElement("div");
    box.className = "draft-offer card";
    box.setAttribute("role", "alert");
    var when = new Date(stored.at).toLocaleString("zh-CN");
    var text = document.createElement("p");
    text.textContent = "本浏览器中保留有此表单尚未保存的内容（" + when + "），可能是登录超时或页面关闭前填写的。";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "primary";
    restore.textContent = "恢复未保存的内容";
    var drop = document.createElement("button");
    drop.type = "button";
    drop.textContent = "丢弃";
    restore.addEventListener("click", function () {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && Object.prototype.hasOwnProperty.call(stored.values, el.name) && el.type !== "hidden") {
          el.value = stored.values[el.name];
        }
      });
      box.remove();
      form.dispatchEvent(new Event("input", { bubbles: true }));
    });
    drop.addEventListener("click", function () {
      window.localStorage.removeItem(key);
      box.remove();
    });
    box.appendChild(text);
    box.appendChild(restore);
    box.appendChild(drop);
    form.parentNode.insertBefore(box, form);
  }

  /* ---- Session timeout warning ---- */
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }

  function watchSession(body) {
    var statusUrl = body.dataset.sessionStatus;
    var keepUrl = body.dataset.sessionKeep;
    var warnAt = parseInt(body.dataset.sessionWarn || "120", 10);
    var banner = null;

    function show(text, withButton) {
      if (!banner) {
        banner = document.createElement("div");
        banner.className = "session-warning";
        banner.setAttribute("role", "alert");
        document.body.insertBefore(banner, document.body.firstChild);
      }
      banner.textContent = text;
      if (withButton) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "primary";
        button.textContent = "继续保持登录";
        button.addEventListener("click", function () {
          fetch(keepUrl, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrfToken() } })
            .then(function () { hide(); schedule(60); });
        });
        banner.appendChild(document.createTextNode(" "));
        banner.appendChild(button);
      }
    }
    function hide() { if (banner) { banner.remove(); banner = null; } }
    function schedule(seconds) { window.setTimeout(check, Math.max(5, seconds) * 1000); }
    function check() {
      fetch(statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { seconds_left: 0 }; })
        .then(function (data) {
          var left = data.seconds_left || 0;
          if (left <= 0) {
            show("登录已超时。您在本页填写但尚未保存的内容已保留在本浏览器中，重新登录后打开此页即可恢复。", false);
            return;
          }
          if (left <= warnAt) {
            show("您已较长时间未操作，登录将在约 " + Math.ceil(left / 60) + " 分钟后超时。未保存的内容已保留在本浏览器中。", true);
            schedule(Math.min(left, 30));
          } else {
            hide();
            schedule(Math.min(left - warnAt, 300));
          }
        })
        .catch(function () { schedule(60); });
    }
    schedule(Math.max(5, parseInt(body.dataset.sessionIdle || "1800", 10) - warnAt));
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-keep-draft]"), keepDrafts);
    if (document.body.dataset.sessionStatus) { watchSession(document.body); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
