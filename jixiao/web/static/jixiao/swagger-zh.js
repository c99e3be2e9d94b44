/* Swagger UI speaks English only: replace its own labels with Chinese as they appear.
   Exact whole-text matches only, and never inside examples, schemas or responses (data). */
(function () {
  "use strict";
  var WORDS = {
    "Authorize": "认证", "Available authorizations": "可用的认证方式", "Close": "关闭",
    "Logout": "退出认证", "Authorized": "已认证", "Value:": "值：", "Name:": "名称：", "In:": "位置：",
    "Try it out": "试一试", "Cancel": "取消", "Execute": "执行", "Clear": "清除",
    "Parameters": "参数", "No parameters": "无参数", "Name": "名称", "Description": "说明",
    "Request body": "请求体", "required": "必填", "Responses": "响应", "Response body": "响应体",
    "Response headers": "响应头", "Code": "状态码", "Links": "链接", "No links": "无链接",
    "Example Value": "示例", "Schema": "结构", "Schemas": "数据结构", "Expand all": "全部展开",
    "Collapse all": "全部折叠", "Media type": "媒体类型", "Controls Accept header.": "决定 Accept 请求头。",
    "Request URL": "请求地址", "Curl": "curl 命令", "Server response": "服务器响应", "Details": "详情",
    "Download": "下载", "Undocumented": "未说明", "Loading...": "加载中…", "Failed to fetch.": "请求失败。",
    "Send empty value": "发送空值", "Reset": "重置", "Filter by tag": "按标签筛选",
    "Successful Response": "成功", "Response": "响应", "Headers:": "响应头：", "Body:": "内容：",
    "Value": "值", "Example": "示例", "Examples": "示例", "Request duration": "请求耗时",
    "OK": "成功", "Bad Request": "请求有误", "Unauthorized": "未认证", "Forbidden": "没有权限",
    "Not Found": "未找到", "Conflict": "版本冲突", "Unprocessable Entity": "内容不符合要求",
    "Could not render n, see the console.": "无法显示，请查看控制台。"
  };
  var SKIP = "pre, code, textarea, .model-box, .microlight";

  function translateNode(node) {
    var text = node.nodeValue;
    var key = text.trim();
    if (!key || !Object.prototype.hasOwnProperty.call(WORDS, key)) return;
    var parent = node.parentElement;
    if (!parent || parent.closest(SKIP)) return;
    node.nodeValue = text.replace(key, WORDS[key]);
  }

  function translate(root) {
    if (root.nodeType === Node.TEXT_NODE) { translateNode(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) translateNode(node);
    root.querySelectorAll("[placeholder], [title], [aria-label]").forEach(function (el) {
      ["placeholder", "title", "aria-label"].forEach(function (name) {
        var value = el.getAttribute(name);
        if (value && Object.prototype.hasOwnProperty.call(WORDS, value.trim())) {
          el.setAttribute(name, WORDS[value.trim()]);
        }
      });
    });
  }

  var target = document.getElementById("swagger-ui");
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "characterData") translateNode(change.target);
      change.addedNodes.forEach(translate);
    });
  }).observe(target, { childList: true, subtree: true, characterData: true });
  translate(target);
})();
