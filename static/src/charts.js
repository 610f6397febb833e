// The portal's charts and map, bundled from npm's echarts (only the parts used) by `npm ci`
// (package.json "build"). Each chart reads its data from a <script type="application/json">
// the server rendered; every label in it is already translated.
import { init, use, registerMap } from "echarts/core";
import { MapChart, BarChart, LineChart, ScatterChart } from "echarts/charts";
import {
  GeoComponent,
  TooltipComponent,
  VisualMapComponent,
  LegendComponent,
  GridComponent,
} from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

use([
  MapChart,
  BarChart,
  LineChart,
  ScatterChart,
  GeoComponent,
  TooltipComponent,
  VisualMapComponent,
  LegendComponent,
  GridComponent,
  SVGRenderer,
]);

const BRAND = "#660874";
const COLORS = [BRAND, "#c25e00", "#2a7ab0", "#3a8f5c"];
const MARKERS = {
  offices: { symbol: "circle", color: "#c25e00" },
  institutes: { symbol: "diamond", color: "#2a7ab0" },
  funds: { symbol: "triangle", color: "#3a8f5c" },
};

function readJson(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : null;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function number(value) {
  return value === null || value === undefined ? "–" : Number(value).toLocaleString();
}

function chartFor(container) {
  const chart = init(container, null, { renderer: "svg" });
  window.addEventListener("resize", () => chart.resize());
  chart.on("finished", () => {
    container.dataset.drawn = "true";
  });
  return chart;
}

function provinceTooltip(province, data) {
  if (!province) return "";
  const l = data.labels;
  const value =
    province.value === null ? l.not_published : `${number(province.value)} ${data.unit.label}`;
  return [
    `<strong>${escapeHtml(province.name)}</strong>`,
    `${escapeHtml(l.contracts)}: ${number(province.contracts)}`,
    `${escapeHtml(l.value)}: ${escapeHtml(value)}`,
    `${escapeHtml(l.projects)}: ${number(province.projects)}`,
    `${escapeHtml(l.events)}: ${number(province.events)}`,
    `${escapeHtml(l.offices)}: ${number(province.offices)} · ${escapeHtml(l.institutes)}: ${number(province.institutes)} · ${escapeHtml(l.funds)}: ${number(province.funds)}`,
  ].join("<br>");
}

function drawMap(container, data, geoJson) {
  registerMap("china", geoJson);
  const featureName = {};
  for (const feature of geoJson.features) {
    featureName[feature.id || feature.properties.id] = feature.properties.name;
  }
  const byName = {};
  for (const province of data.provinces) {
    const name = featureName[province.code];
    if (name) byName[name] = province;
  }
  const chart = chartFor(container);
  const seriesFor = (measure) => {
    const values = data.provinces.map((p) => p[measure]).filter((v) => v !== null);
    const max = Math.max(1, ...values);
    return {
      visualMap: {
        min: 0,
        max,
        seriesIndex: 0,
        left: 0,
        bottom: 0,
        text: [number(max), "0"],
        inRange: { color: ["#f3ecf5", "#c99ad3", BRAND] },
        calculable: false,
        itemWidth: 12,
      },
      series: [
        {
          type: "map",
          map: "china",
          geoIndex: 0,
          data: Object.entries(byName).map(([name, p]) => ({
            name,
            value: p[measure] === null ? "-" : p[measure],
          })),
        },
        ...Object.keys(MARKERS).map((kind) => ({
          type: "scatter",
          name: data.labels[kind],
          coordinateSystem: "geo",
          symbol: MARKERS[kind].symbol,
          symbolSize: 9,
          itemStyle: { color: MARKERS[kind].color, borderColor: "#fff", borderWidth: 1 },
          data: data.markers[kind].map((m) => ({ name: m.name, value: m.coord, place: m.place, url: m.url })),
        })),
      ],
    };
  };
  chart.setOption({
    tooltip: {
      trigger: "item",
      formatter: (params) =>
        params.seriesType === "scatter"
          ? `<strong>${escapeHtml(params.name)}</strong><br>${escapeHtml(params.seriesName)} · ${escapeHtml(params.data.place)}`
          : provinceTooltip(byName[params.name], data),
    },
    legend: { top: 0, left: "center", itemWidth: 10, itemHeight: 10 },
    geo: {
      map: "china",
      roam: false,
      layoutCenter: ["50%", "54%"],
      layoutSize: "100%",
      itemStyle: { areaColor: "#f7f6f8", borderColor: "#8a8591", borderWidth: 0.6 },
      emphasis: { itemStyle: { areaColor: "#e0b0e8" }, label: { show: false } },
      select: { disabled: true },
    },
    ...seriesFor("value"),
  });
  chart.on("click", (params) => {
    const target = params.seriesType === "scatter" ? params.data : byName[params.name];
    if (target && target.url) window.location.assign(target.url);
  });
  for (const input of document.querySelectorAll('input[name="map-measure"]')) {
    input.addEventListener("change", () => {
      if (input.checked) chart.setOption(seriesFor(input.value));
    });
  }
}

function drawTrend(container, data) {
  const l = data.labels;
  // Region pages publish no value by year: draw the value line only where there are values.
  const withValues = data.trend.value.some((v) => v !== null);
  chartFor(container).setOption({
    color: COLORS,
    tooltip: { trigger: "axis" },
    legend: { top: 0, left: "center" },
    grid: { left: 8, right: 8, top: 64, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: data.trend.years },
    yAxis: [
      { type: "value", name: l.contracts, minInterval: 1, nameTextStyle: { align: "left" } },
      ...(withValues
        ? [
            {
              type: "value",
              name: data.unit.label,
              splitLine: { show: false },
              nameTextStyle: { align: "right" },
            },
          ]
        : []),
    ],
    series: [
      { type: "bar", name: l.contracts, data: data.trend.contracts },
      { type: "bar", name: l.events, data: data.trend.events },
      ...(withValues
        ? [
            {
              type: "line",
              name: `${l.value} (${data.unit.label})`,
              yAxisIndex: 1,
              data: data.trend.value.map((v) => (v === null ? "-" : v)),
              connectNulls: false,
            },
          ]
        : []),
    ],
  });
}

function drawKinds(container, data, which) {
  const rows = data.kinds[which];
  const l = data.labels;
  chartFor(container).setOption({
    color: [which === "contracts" ? BRAND : COLORS[1]],
    tooltip: { trigger: "axis" },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map((r) => r.label), inverse: true },
    series: [
      {
        type: "bar",
        name: which === "contracts" ? l.contracts : l.events,
        data: rows.map((r) => r[which]),
      },
    ],
  });
}

function start() {
  for (const container of document.querySelectorAll("[data-chart]")) {
    const data = readJson(container.dataset.source);
    if (!data) continue;
    const kind = container.dataset.chart;
    if (kind === "map") {
      fetch(container.dataset.geojson)
        .then((response) => response.json())
        .then((geoJson) => drawMap(container, data, geoJson))
        .catch(() => {
          container.dataset.failed = "true";
        });
    } else if (kind === "trend") {
      drawTrend(container, data);
    } else if (kind === "contract-kinds") {
      drawKinds(container, data, "contracts");
    } else if (kind === "event-kinds") {
      drawKinds(container, data, "events");
    }
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
