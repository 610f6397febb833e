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

const LANGUAGE = document.documentElement.lang || "zh-Hans";
const NUMBER = new Intl.NumberFormat(LANGUAGE, { maximumFractionDigits: 2 });
const CLASS_COLORS = ["#efe3f2", "#d4b1dc", "#b27fc0", "#8a4a9c", "#5a0a68"];
const NO_VALUE_COLOR = "#e6e6e9";

function number(value) {
  return value === null || value === undefined ? "—" : NUMBER.format(value);
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
  const c = l.colon;
  let value = `${number(province.value)} ${data.unit.label}`;
  if (province.state === "withheld") value = l.withheld;
  if (province.state === "none") value = "—（" + l.none + "）";
  if (province.state === "none" && !LANGUAGE.startsWith("zh")) value = `— (${l.none})`;
  return [
    `<strong>${escapeHtml(province.name)}</strong>`,
    `${escapeHtml(l.contracts)}${c}${number(province.contracts)}`,
    `${escapeHtml(l.value)}${c}${escapeHtml(value)}`,
    `${escapeHtml(l.projects)}${c}${number(province.projects)}`,
    `${escapeHtml(l.events)}${c}${number(province.events)}`,
    `${escapeHtml(l.offices)}${c}${number(province.offices)} · ${escapeHtml(l.institutes)}${c}${number(province.institutes)} · ${escapeHtml(l.funds)}${c}${number(province.funds)}`,
  ].join("<br>");
}

// Classes holding about as many provinces each (quantiles of the non-zero values), so a single
// large province does not leave every other one the same pale tint.
function quantileClasses(values, wanted) {
  const sorted = values.filter((v) => v !== null && v > 0).sort((a, b) => a - b);
  if (!sorted.length) return [];
  const count = Math.min(wanted, sorted.length);
  const bounds = [sorted[0]];
  for (let i = 1; i <= count; i += 1) {
    const bound = sorted[Math.min(sorted.length - 1, Math.ceil((i * sorted.length) / count) - 1)];
    if (bound > bounds[bounds.length - 1]) bounds.push(bound);
  }
  if (bounds.length === 1) bounds.push(bounds[0]);
  const classes = [];
  for (let i = 0; i < bounds.length - 1; i += 1) {
    const piece = i === 0 ? { gte: bounds[0], lte: bounds[1] } : { gt: bounds[i], lte: bounds[i + 1] };
    // The legend names the smallest and largest value actually in the class.
    const members = sorted.filter((v) => (i === 0 ? v >= bounds[0] : v > bounds[i]) && v <= bounds[i + 1]);
    piece.low = members[0];
    piece.high = members[members.length - 1];
    classes.push(piece);
  }
  const palette = CLASS_COLORS.slice(CLASS_COLORS.length - classes.length);
  return classes.map((piece, i) => ({ ...piece, color: palette[i] }));
}

function drawLegend(container, classes, unit, l) {
  const legend = document.getElementById(container.dataset.legend);
  if (!legend) return;
  legend.textContent = "";
  const items = classes.map((piece) => {
    const text = piece.low === piece.high ? number(piece.low) : `${number(piece.low)}–${number(piece.high)}`;
    return { color: piece.color, text: `${text} ${unit}` };
  });
  items.push({ color: NO_VALUE_COLOR, text: l.no_value });
  for (const item of items) {
    const li = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = item.color;
    li.append(swatch, document.createTextNode(item.text));
    legend.append(li);
  }
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
  const l = data.labels;
  const seriesFor = (measure) => {
    const classes = quantileClasses(
      data.provinces.map((p) => p[measure]),
      5,
    );
    const unit = measure === "value" ? data.unit.label : l.unit_contracts;
    drawLegend(container, classes, unit, l);
    return {
      visualMap: {
        type: "piecewise",
        show: false,
        seriesIndex: 0,
        pieces: classes.map(({ gt, gte, lte, color }) => ({ gt, gte, lte, color })),
        outOfRange: { color: NO_VALUE_COLOR },
      },
      series: [
        {
          type: "map",
          map: "china",
          geoIndex: 0,
          data: Object.entries(byName).map(([name, p]) => ({
            name,
            value: p[measure] === null || p[measure] === 0 ? "-" : p[measure],
          })),
        },
        ...Object.keys(MARKERS).map((kind) => ({
          type: "scatter",
          name: l[kind],
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
      confine: true,
      formatter: (params) =>
        params.seriesType === "scatter"
          ? `<strong>${escapeHtml(params.name)}</strong><br>${escapeHtml(params.seriesName)} · ${escapeHtml(params.data.place)}`
          : provinceTooltip(byName[params.name], data),
    },
    legend: { top: 0, left: "center", itemWidth: 10, itemHeight: 10 },
    geo: {
      map: "china",
      roam: false,
      top: 32,
      bottom: 4,
      left: 4,
      right: 4,
      itemStyle: { areaColor: NO_VALUE_COLOR, borderColor: "#8a8591", borderWidth: 0.6 },
      emphasis: { itemStyle: { areaColor: "#f2c48f" }, label: { show: false } },
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
  const trend = data.trend;
  // Region pages publish no value by year: draw the value line only where there are values.
  const withValues = trend.value.some((v) => v !== null);
  // The current year is not over: its bars are drawn hatched and its label starred.
  const bars = (values, color) =>
    values.map((v, i) =>
      trend.partial[i] && v !== null
        ? { value: v, itemStyle: { color, opacity: 0.45, borderColor: color, borderType: "dashed", borderWidth: 1 } }
        : v === null
          ? "-"
          : v,
    );
  const note = document.getElementById(container.dataset.note);
  if (note) note.textContent = trend.partial_note;
  chartFor(container).setOption({
    color: COLORS,
    tooltip: { trigger: "axis", confine: true },
    legend: { top: 0, left: "center" },
    grid: { left: 8, right: 8, top: 64, bottom: 8, containLabel: true },
    xAxis: {
      type: "category",
      data: trend.years,
      axisLabel: { formatter: (year, i) => (trend.partial[i] ? `${year}*` : year) },
    },
    yAxis: [
      { type: "value", name: l.contracts, minInterval: 1, nameTextStyle: { align: "left" } },
      ...(withValues
        ? [{ type: "value", name: data.unit.label, splitLine: { show: false }, nameTextStyle: { align: "right" } }]
        : []),
    ],
    series: [
      { type: "bar", name: l.contracts, data: bars(trend.contracts, COLORS[0]) },
      { type: "bar", name: l.events, data: bars(trend.events, COLORS[1]) },
      ...(withValues
        ? [
            {
              type: "line",
              name: l.value_with_unit,
              yAxisIndex: 1,
              data: trend.value.map((v) => (v === null ? "-" : v)),
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
