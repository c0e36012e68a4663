import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import leafletCss from "leaflet/dist/leaflet.css?url";

type Point = { ideaId: number; title: string; latitude: number; longitude: number };

/**
 * The tracker's projects on a Leaflet map, loaded only in the browser and only where tiles are
 * configured; the list beside it always says everything the map shows.
 */
export function ProjectsMap({ tiles, center, points }: { tiles: { tileUrl: string; attribution: string }; center: { latitude: number; longitude: number; zoom: number }; points: Point[] }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const shown = useRef(points);
  shown.current = points;

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void import("leaflet").then((L) => {
      if (disposed || !container.current) return;
      const map = L.map(container.current).setView([center.latitude, center.longitude], center.zoom);
      L.tileLayer(tiles.tileUrl, { attribution: tiles.attribution, maxZoom: 19 }).addTo(map);
      for (const p of shown.current) {
        // A vector marker with its title as a link: no image files, no HTML from data.
        const link = document.createElement("a");
        link.href = `/projects/${p.ideaId}`;
        link.textContent = p.title;
        L.circleMarker([p.latitude, p.longitude], { radius: 8, color: "#0b5394", weight: 3 }).bindPopup(link).addTo(map);
      }
      cleanup = () => map.remove();
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [tiles.tileUrl, tiles.attribution, center.latitude, center.longitude, center.zoom]);

  return (
    <>
      <link rel="stylesheet" href={leafletCss} />
      <div ref={container} className="map" role="region" aria-label={t("projects.list.map")} />
    </>
  );
}
