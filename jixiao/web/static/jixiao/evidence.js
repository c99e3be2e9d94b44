// Evidence panel: drag-and-drop upload with progress, replace, and the preview dialog.
(function () {
  "use strict";
  var panel = document.getElementById("evidence");
  if (!panel) return;
  var csrf = panel.querySelector(".evidence-csrf").value;

  function send(url, file, extra, zone) {
    var message = zone ? zone.querySelector(".evidence-message") : null;
    var progress = zone ? zone.querySelector(".evidence-progress") : null;
    var data = new FormData();
    data.append("file", file);
    data.append("name", file.name);
    Object.keys(extra).forEach(function (key) { data.append(key, extra[key]); });
    var request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("X-CSRFToken", csrf);
    request.setRequestHeader("Accept", "application/json");
    if (progress) {
      progress.hidden = false;
      progress.value = 0;
      request.upload.onprogress = function (event) {
        if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
      };
    }
    if (message) { message.textContent = "正在上传“" + file.name + "”…"; message.className = "evidence-message muted"; }
    request.onload = function () {
      var answer = {};
      try { answer = JSON.parse(request.responseText); } catch (e) { answer = {}; }
      if (request.status === 200 && answer.ok) {
        window.location.reload();
        return;
      }
      if (progress) progress.hidden = true;
      var text = answer.message || "上传失败（" + request.status + "），请稍后重试。";
      if (message) { message.textContent = text; message.className = "evidence-message problem"; }
      else { window.alert(text); }
    };
    request.onerror = function () {
      if (progress) progress.hidden = true;
      if (message) { message.textContent = "网络错误，文件未上传，请重试。"; message.className = "evidence-message problem"; }
    };
    request.send(data);
  }

  panel.querySelectorAll(".evidence-row").forEach(function (row) {
    var zone = row.querySelector(".evidence-drop");
    if (!zone) return;
    var path = row.getAttribute("data-path");
    var url = panel.getAttribute("data-upload-url");
    function upload(files) {
      for (var i = 0; i < files.length; i++) send(url, files[i], { path: path }, zone);
    }
    zone.addEventListener("dragover", function (event) { event.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("over");
      upload(event.dataTransfer.files);
    });
    zone.querySelector(".evidence-input").addEventListener("change", function (event) {
      upload(event.target.files);
    });
  });

  var replaceInput = panel.querySelector(".evidence-replace-input");
  var replaceUrl = null, replaceZone = null;
  panel.querySelectorAll(".evidence-replace").forEach(function (button) {
    button.addEventListener("click", function () {
      replaceUrl = button.getAttribute("data-url");
      replaceZone = button.closest("td").querySelector(".evidence-drop");
      replaceInput.value = "";
      replaceInput.click();
    });
  });
  if (replaceInput) {
    replaceInput.addEventListener("change", function () {
      if (replaceInput.files.length) send(replaceUrl, replaceInput.files[0], {}, replaceZone);
    });
  }

  var viewer = panel.querySelector(".evidence-viewer");
  var frame = viewer.querySelector(".viewer-pdf");
  var image = viewer.querySelector(".viewer-image");
  panel.querySelectorAll(".evidence-preview").forEach(function (button) {
    button.addEventListener("click", function () {
      var pdf = button.getAttribute("data-kind") === "pdf";
      viewer.querySelector(".viewer-title").textContent = button.getAttribute("data-name");
      frame.hidden = !pdf;
      image.hidden = pdf;
      if (pdf) { frame.src = button.getAttribute("data-src"); image.removeAttribute("src"); }
      else { image.src = button.getAttribute("data-src"); image.alt = button.getAttribute("data-name"); frame.removeAttribute("src"); }
      viewer.showModal();
    });
  });
  viewer.addEventListener("close", function () { frame.removeAttribute("src"); });
})();
