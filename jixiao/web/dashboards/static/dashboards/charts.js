// Draws the dashboard's charts from the JSON the server computed; no figure is computed here.
// Presentation only: fixed status colours (the same as the status badges), names shown in full
// (long lists turn into horizontal bars that grow downwards instead of rotated, truncated
// labels), warning lines explained beside the chart instead of labels drawn over the bars, and
// a click on any element opens the list of the forms behind it.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var drillNode = document.getElementById("drill-links");
  var drill = drillNode ? JSON.parse(drillNode.textContent) : { all: "", orgs: {}, statuses: {} };
  var font = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  var narrow = window.matchMedia("(max-width: 760px)").matches;
  var COLORS = {
    blue: "#2e6fb7", red: "#a8161b", amber: "#c27c0e", green: "#1e6b3a", grey: "#9aa1a9"
  };
  // Status and grade colours: the same meaning everywhere (see the legend on the page).
  var STATUS = {
    "未填报": "#9aa1a9", "草稿": "#c9ced6", "已提交": "#1d4f91", "退回": "#d4a017",
    "主管部门审核通过": "#6fb58a", "财政审核通过": "#2e8b57", "已公开": "#1e6b3a"
  };
  var GRADES = { "优": "#1e6b3a", "良": "#2e6fb7", "中": "#d4a017", "差": "#a8161b" };
  var LINE_COLORS = ["#d68910", "#c0392b"];
  var ROW = 30;  // pixels per organisation in the horizontal bar charts

  function base(extra) {
    return Object.assign({
      textStyle: { fontFamily: font },
      tooltip: { trigger: "axis", confine: true },
      legend: { top: 0 },
      animationDuration: 300
    }, extra);
  }

  function markLines(items, horizontal) {
    return {
      symbol: "none", silent: true,
      label: { show: false },
      data: items.map(function (l, i) {
        var point = { name: l.name, lineStyle: { color: LINE_COLORS[i % 2], type: "dashed", width: 1.5 } };
        point[horizontal ? "xAxis" : "yAxis"] = l.value;
        return point;
      })
    };
  }

  // Long lists of organisations: names down the side, in full (wrapped), the chart as tall
  // as it needs to be.
  function orgBars(el, d, valueName, series, lineSets) {
    var horizontal = d.names.length > 6 || narrow;
    if (horizontal) {
      el.style.height = Math.max(320, 90 + ROW * d.names.length) + "px";
    }
    var names = { type: "category", data: d.names, inverse: horizontal,
      axisLabel: horizontal
        ? { interval: 0, width: narrow ? 110 : 190, overflow: "break", lineHeight: 14 }
        : { interval: 0, width: 110, overflow: "break" },
      axisTick: { alignWithLabel: true } };
    var values = { type: "value", name: valueName, splitNumber: narrow ? 3 : 5, axisLabel: { hideOverlap: true } };
    series.forEach(function (s, i) {
      if (lineSets && lineSets[i] && lineSets[i].length) { s.markLine = markLines(lineSets[i], horizontal); }
    });
    return base({
      grid: horizontal
        ? { left: 10, right: 40, top: 40, bottom: 20, containLabel: true }
        : { left: 10, right: 30, top: 50, bottom: 10, containLabel: true },
      xAxis: horizontal ? values : names,
      yAxis: horizontal ? names : values,
      series: series
    });
  }

  var builders = {
    rates: function (d, el) {
      return orgBars(el, d, "%", [
        { name: "预算完成率", type: "bar", data: d.completion, itemStyle: { color: COLORS.blue } },
        { name: "预算调整率", type: "bar", data: d.adjustment, itemStyle: { color: COLORS.red } }
      ], [d.completion_lines, d.adjustment_lines]);
    },
    funds: function (d, el) {
      return orgBars(el, d, "万元", [
        { name: "任务涉及资金", type: "bar", data: d.task_funds, itemStyle: { color: COLORS.amber } },
        { name: "实际支出", type: "bar", data: d.actual, itemStyle: { color: COLORS.blue } }
      ]);
    },
    scores: function (d) {
      return base({
        tooltip: { trigger: "item", confine: true },
        legend: { top: 0, data: d.grades.map(function (g) { return g.name; }) },
        xAxis: { type: "category", data: d.bands, name: "得分", axisLabel: { interval: 0, width: 60, overflow: "break" } },
        yAxis: { type: "value", name: "项目数", minInterval: 1 },
        grid: { left: 10, right: narrow ? "5%" : "45%", top: 50, bottom: narrow ? "45%" : 20, containLabel: true },
        series: [
          { name: "项目数", type: "bar", data: d.counts, itemStyle: { color: COLORS.blue } },
          { name: "等级", type: "pie", radius: ["22%", "38%"], center: narrow ? ["50%", "78%"] : ["78%", "52%"],
            data: d.grades.map(function (g) { return { name: g.name, value: g.value, itemStyle: { color: GRADES[g.name] } }; }),
            label: narrow ? { position: "inside", formatter: "{c}" } : { formatter: "{b}：{c}" },
            avoidLabelOverlap: true }
        ]
      });
    },
    progress: function (d) {
      return base({
        tooltip: { trigger: "item", confine: true },
        legend: { top: 0, type: "scroll" },
        series: [{
          name: "填报进度", type: "pie", radius: ["32%", "58%"], center: ["50%", "55%"],
          data: d.items.map(function (item) {
            return { name: item.name, value: item.value, itemStyle: { color: STATUS[item.name] || COLORS.grey } };
          }),
          // On a phone the names are in the legend and the counts inside the ring.
          label: narrow ? { position: "inside", formatter: "{c}" } : { formatter: "{b}：{c}" },
          avoidLabelOverlap: true, labelLayout: { hideOverlap: true }
        }]
      });
    },
    trend: function (d) {
      return base({
        legend: { type: "scroll", top: 0 },
        grid: { left: 10, right: 30, top: 64, bottom: 10, containLabel: true },
        tooltip: { trigger: "axis", confine: true, order: "valueDesc" },
        xAxis: { type: "category", data: d.years },
        yAxis: { type: "value", name: "%", scale: true },
        series: d.series.map(function (s) { return { name: s.name, type: "line", data: s.values, connectNulls: false }; })
      });
    },
    indicator: function (d) {
      return base({
        xAxis: { type: "category", data: d.years },
        yAxis: { type: "value", name: d.unit || "", scale: true },
        series: [{ name: d.name, type: "line", data: d.values, label: { show: true } }]
      });
    }
  };

  // The warning lines, explained under the chart in words (never drawn over a bar).
  function lineNote(el, sets) {
    var items = [];
    sets.forEach(function (set) {
      (set || []).forEach(function (l, i) { items.push({ text: l.name + " " + l.value + "%", color: LINE_COLORS[i % 2] }); });
    });
    if (!items.length) return;
    var note = document.createElement("p");
    note.className = "dash-note";
    items.forEach(function (item) {
      var span = document.createElement("span");
      span.className = "line-key";
      var swatch = document.createElement("i");
      swatch.style.borderTopColor = item.color;
      span.appendChild(swatch);
      span.appendChild(document.createTextNode(item.text));
      note.appendChild(span);
    });
    el.parentNode.insertBefore(note, el.nextSibling);
  }

  // Every chart element leads to the forms behind it (the links come from the server).
  function target(key, params) {
    if (key === "progress") return drill.statuses[params.name] || drill.all;
    if (key === "scores") {
      return params.seriesType === "pie" ? (drill.grades[params.name] || drill.projects) : drill.projects;
    }
    if (key === "trend") {
      var byYear = drill.trend[params.seriesName] || {};
      return byYear[params.name] || drill.orgs[params.seriesName] || drill.all;
    }
    if (key === "rates" || key === "funds") {
      return drill.orgs[params.name] || drill.orgs[params.seriesName] || drill.all;
    }
    return drill.all;
  }

  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var key = el.getAttribute("data-chart");
    if (!builders[key] || !data[key] || typeof echarts === "undefined") return;
    var option = builders[key](data[key], el);
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    if (key === "rates") lineNote(el, [data[key].completion_lines, data[key].adjustment_lines]);
    chart.on("click", function (params) {
      var href = target(key, params);
      if (href) window.location.href = href;
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });

  document.querySelectorAll("[data-toggle-table]").forEach(function (button) {
    button.addEventListener("click", function () {
      var key = button.getAttribute("data-toggle-table");
      var table = document.getElementById("table-" + key);
      var chart = document.getElementById("chart-" + key);
      var showTable = table.hidden;
      table.hidden = !showTable;
      chart.hidden = showTable;
      button.textContent = showTable ? "图表" : "表格";
    });
  });
})();
