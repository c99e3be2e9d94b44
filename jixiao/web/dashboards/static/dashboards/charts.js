// Draws the dashboard's charts from the JSON the server computed; no figure is computed here.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var font = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  var base = { textStyle: { fontFamily: font }, tooltip: { trigger: "axis" }, grid: { left: 60, right: 30, top: 50, bottom: 90 } };

  function lines(items, color) {
    return {
      symbol: "none", silent: true,
      lineStyle: { color: color, type: "dashed" },
      label: { formatter: "{b} {c}%", position: "insideEndTop" },
      data: items.map(function (l, i) { return { name: l.name, yAxis: l.value, lineStyle: { color: i ? "#c0392b" : "#d68910" } }; })
    };
  }

  function categoryAxis(names) {
    return { type: "category", data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 35 : 0, width: 120, overflow: "truncate" } };
  }

  var builders = {
    rates: function (d) {
      return Object.assign({}, base, {
        legend: { data: ["预算完成率", "预算调整率"] },
        xAxis: categoryAxis(d.names),
        yAxis: { type: "value", name: "%" },
        dataZoom: d.names.length > 20 ? [{ type: "slider", bottom: 0 }] : [],
        series: [
          { name: "预算完成率", type: "bar", data: d.completion, itemStyle: { color: "#2e6fb7" }, markLine: lines(d.completion_lines) },
          { name: "预算调整率", type: "bar", data: d.adjustment, itemStyle: { color: "#a8161b" }, markLine: lines(d.adjustment_lines) }
        ]
      });
    },
    funds: function (d) {
      return Object.assign({}, base, {
        legend: { data: ["任务涉及资金", "实际支出"] },
        xAxis: categoryAxis(d.names),
        yAxis: { type: "value", name: "万元" },
        dataZoom: d.names.length > 20 ? [{ type: "slider", bottom: 0 }] : [],
        series: [
          { name: "任务涉及资金", type: "bar", data: d.task_funds, itemStyle: { color: "#d68910" } },
          { name: "实际支出", type: "bar", data: d.actual, itemStyle: { color: "#2e6fb7" } }
        ]
      });
    },
    scores: function (d) {
      return Object.assign({}, base, {
        tooltip: { trigger: "item" },
        legend: { bottom: 0 },
        xAxis: { type: "category", data: d.bands, name: "得分" },
        yAxis: { type: "value", name: "项目数", minInterval: 1 },
        grid: { left: 50, right: "45%", top: 50, bottom: 60 },
        series: [
          { name: "项目数", type: "bar", data: d.counts, itemStyle: { color: "#2e6fb7" } },
          { name: "等级", type: "pie", radius: ["25%", "45%"], center: ["78%", "50%"], data: d.grades, label: { formatter: "{b}：{c}" } }
        ]
      });
    },
    progress: function (d) {
      return Object.assign({}, base, {
        tooltip: { trigger: "item" },
        legend: { bottom: 0 },
        series: [{ name: "填报进度", type: "pie", radius: ["35%", "65%"], data: d.items, label: { formatter: "{b}：{c}" } }]
      });
    },
    trend: function (d) {
      return Object.assign({}, base, {
        legend: { type: "scroll", bottom: 0 },
        xAxis: { type: "category", data: d.years },
        yAxis: { type: "value", name: "%", scale: true },
        series: d.series.map(function (s) { return { name: s.name, type: "line", data: s.values, connectNulls: false }; })
      });
    },
    indicator: function (d) {
      return Object.assign({}, base, {
        xAxis: { type: "category", data: d.years },
        yAxis: { type: "value", name: d.unit || "", scale: true },
        series: [{ name: d.name, type: "line", data: d.values, label: { show: true } }]
      });
    }
  };

  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var key = el.getAttribute("data-chart");
    if (!builders[key] || !data[key] || typeof echarts === "undefined") return;
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(builders[key](data[key]));
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
