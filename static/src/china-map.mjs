// Builds the outlines of the home page's map of China (node_modules/.portal/china-map.json)
// from npm's echarts-map-data, with echarts' own decoder and its South China Sea islands inset,
// projected the way echarts projects its "china" map (longitude across; latitude down,
// stretched by 1 / 0.75). The server draws the map from it as SVG (apps/public/chinamap.py):
// the page loads no chart code. Run by `npm run build`.
import { readFileSync, writeFileSync } from "node:fs";
import parseGeoJSON from "echarts/lib/coord/geo/parseGeoJson.js";
import fixNanhai from "echarts/lib/coord/geo/fix/nanhai.js";

const [source, target] = process.argv.slice(2);
const geoJson = JSON.parse(readFileSync(source, "utf8"));
const ids = new Map(geoJson.features.map((f) => [f.properties.name, f.id || f.properties.id]));
const regions = parseGeoJSON(geoJson, "name");
fixNanhai("china", regions);

const ASPECT = 0.75; // echarts' default aspectScale for geographic maps
const WIDTH = 1000; // the SVG's width in its own units
const MARGIN = 4;

const project = ([lon, lat]) => [lon, -lat / ASPECT];
let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
for (const region of regions) {
  for (const geometry of region.geometries) {
    for (const point of geometry.exterior.map(project)) {
      minX = Math.min(minX, point[0]);
      maxX = Math.max(maxX, point[0]);
      minY = Math.min(minY, point[1]);
      maxY = Math.max(maxY, point[1]);
    }
  }
}
const scale = (WIDTH - 2 * MARGIN) / (maxX - minX);
const height = Math.ceil((maxY - minY) * scale + 2 * MARGIN);
const toView = (point) => {
  const [x, y] = project(point);
  return [(x - minX) * scale + MARGIN, (y - minY) * scale + MARGIN];
};

// A whole unit (a thousandth of the map's width) is finer than a phone or a desktop column
// shows; points that round to the one before them are dropped, and each point is written
// relative to the one before it (SVG's "l"), which keeps the outlines small.
function ring(points) {
  const out = [];
  let last = null;
  for (const point of points) {
    const [x, y] = toView(point).map(Math.round);
    if (!last) out.push(`M${x} ${y}`);
    else if (x !== last[0] || y !== last[1]) out.push(`${x - last[0]} ${y - last[1]}`);
    last = [x, y];
  }
  return out.length > 2 ? `${out[0]}l${out.slice(1).join(" ")}z` : "";
}

const shapes = regions.map((region) => ({
  id: ids.get(region.name) || "",
  name: region.name,
  d: region.geometries
    .map((geometry) => [geometry.exterior, ...(geometry.interiors || [])].map(ring).join(""))
    .join(""),
}));

writeFileSync(
  target,
  JSON.stringify({
    width: WIDTH,
    height,
    // Longitude and latitude to the map's units: x = (lon - lon0) * k + m, y = (-lat / a - y0) * k + m.
    projection: { lon0: minX, y0: minY, k: scale, margin: MARGIN, aspect: ASPECT },
    shapes,
  }),
);
console.log(`${target}: ${shapes.length} shapes, ${WIDTH}×${height}`);
