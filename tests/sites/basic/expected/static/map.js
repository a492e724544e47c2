/* Briefing maps (Leaflet). The marker data is in <script type="application/json" id="…-data">,
   named by the map element's data-map attribute. Popups are built with textContent, never
   innerHTML: place names and titles come from reports. Without map_tiles no base layer is
   loaded, so the map makes no network request; a latitude/longitude grid stands in. */
(function () {
  "use strict";
  if (!window.L) return;

  function graticule(map) {
    var layer = L.layerGroup().addTo(map);
    var style = {color: "#8a94a0", weight: 1, opacity: 0.5, interactive: false};
    function draw() {
      layer.clearLayers();
      var zoom = map.getZoom();
      var step = zoom <= 2 ? 30 : zoom <= 4 ? 10 : zoom <= 6 ? 5 : zoom <= 8 ? 1 : zoom <= 10 ? 0.25 : 0.05;
      var b = map.getBounds();
      var south = Math.max(-85, Math.floor(b.getSouth() / step) * step);
      var north = Math.min(85, Math.ceil(b.getNorth() / step) * step);
      var west = Math.floor(b.getWest() / step) * step;
      var east = Math.ceil(b.getEast() / step) * step;
      if ((north - south) / step > 200 || (east - west) / step > 400) return;
      for (var lat = south; lat <= north + 1e-9; lat += step) {
        L.polyline([[lat, west], [lat, east]], style).addTo(layer);
      }
      for (var lon = west; lon <= east + 1e-9; lon += step) {
        L.polyline([[south, lon], [north, lon]], style).addTo(layer);
      }
    }
    map.on("moveend zoomend", draw);
    draw();
  }

  function popup(marker, root) {
    var box = document.createElement("div");
    var title = document.createElement("a");
    title.href = root + marker.url;
    title.textContent = marker.name;
    var strong = document.createElement("strong");
    strong.appendChild(title);
    box.appendChild(strong);
    if (marker.incidents && marker.incidents.length) {
      var list = document.createElement("ul");
      list.className = "map-popup-list";
      marker.incidents.forEach(function (incident) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = root + incident.url;
        link.textContent = incident.title;
        item.appendChild(link);
        if (incident.date) item.appendChild(document.createTextNode(" (" + incident.date + ")"));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  }

  document.querySelectorAll("[data-map]").forEach(function (element) {
    var source = document.getElementById(element.getAttribute("data-map"));
    if (!source) return;
    var data;
    try {
      data = JSON.parse(source.textContent);
    } catch (e) {
      return;
    }
    var markers = data.markers || [];
    if (!markers.length) return;
    element.classList.add("map-ready");
    var map = L.map(element, {minZoom: 1, maxZoom: 14, worldCopyJump: true, attributionControl: true});
    if (data.tiles) {
      L.tileLayer(data.tiles, {maxZoom: 18, attribution: data.attribution || ""}).addTo(map);
    } else {
      element.classList.add("map-offline");
    }
    var points = markers.map(function (m) { return [m.lat, m.lon]; });
    if (points.length === 1) {
      map.setView(points[0], 7);
    } else {
      map.fitBounds(L.latLngBounds(points), {padding: [30, 30], maxZoom: 8});
    }
    if (!data.tiles) graticule(map);
    markers.forEach(function (m) {
      L.marker([m.lat, m.lon], {title: m.name, alt: m.name, keyboard: true})
        .bindPopup(popup(m, data.root || ""))
        .addTo(map);
    });
  });
})();
