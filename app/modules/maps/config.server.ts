/**
 * The map is an enhancement: it appears only where a tile server is configured (MAP_TILE_URL,
 * for example https://tile.openstreetmap.org/{z}/{x}/{y}.png). Typed coordinates always work.
 */
export type MapConfig = { tileUrl: string; attribution: string };

export function getMapConfig(env: Record<string, string | undefined> = process.env): MapConfig | null {
  const tileUrl = env.MAP_TILE_URL;
  if (!tileUrl || !/^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/.test(tileUrl)) return null;
  return { tileUrl, attribution: env.MAP_ATTRIBUTION ?? "© OpenStreetMap contributors" };
}
