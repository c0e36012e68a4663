import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import leafletCss from "leaflet/dist/leaflet.css?url";

type Props = {
  tiles: { tileUrl: string; attribution: string };
  latitude: number | null;
  longitude: number | null;
  /** When given, a click or tap on the map places the idea there. */
  onPick?: (latitude: number, longitude: number) => void;
};

const CITY_CENTRE: [number, number] = [48.8566, 2.3522];

/**
 * A Leaflet map, loaded only in the browser and only where tiles are configured, so pages stay
 * light and the typed coordinates remain the way that always works (and the accessible one).
 */
export function LocationMap({ tiles, latitude, longitude, onPick }: Props) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const position = latitude !== null && longitude !== null ? ([latitude, longitude] as [number, number]) : null;
  const initial = useRef(position);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void import("leaflet").then((L) => {
      if (disposed || !container.current) return;
      const map = L.map(container.current).setView(initial.current ?? CITY_CENTRE, initial.current ? 16 : 12);
      L.tileLayer(tiles.tileUrl, { attribution: tiles.attribution, maxZoom: 19 }).addTo(map);
      // A vector marker: no image files for the bundler to lose.
      const marker = L.circleMarker(initial.current ?? CITY_CENTRE, { radius: 9, color: "#0b5394", weight: 3 });
      if (initial.current) marker.addTo(map);
      map.on("click", (event: { latlng: { lat: number; lng: number } }) => {
        if (!pick.current) return;
        const lat = Math.round(event.latlng.lat * 1e6) / 1e6;
        const lng = Math.round(event.latlng.lng * 1e6) / 1e6;
        marker.setLatLng([lat, lng]).addTo(map);
        pick.current(lat, lng);
      });
      cleanup = () => map.remove();
    });
    return () => {
      disposed = true;
      cleanup();
    };
  }, [tiles.tileUrl, tiles.attribution]);

  return (
    <>
      <link rel="stylesheet" href={leafletCss} />
      <div ref={container} className="map" role="region" aria-label={onPick ? t("ideas.map.pickLabel") : t("ideas.map.label")} />
    </>
  );
}
