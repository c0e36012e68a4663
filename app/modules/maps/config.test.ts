import { describe, expect, it } from "vitest";
import { getMapConfig } from "./config.server";

describe("map configuration", () => {
  it("is off without a tile server, or with a malformed template", () => {
    expect(getMapConfig({})).toBeNull();
    expect(getMapConfig({ MAP_TILE_URL: "javascript:alert(1)/{z}/{x}/{y}" })).toBeNull();
    expect(getMapConfig({ MAP_TILE_URL: "https://tiles.example/no-placeholders.png" })).toBeNull();
  });
  it("is on with an http(s) template carrying {z}, {x} and {y}", () => {
    expect(getMapConfig({ MAP_TILE_URL: "https://tiles.example/{z}/{x}/{y}.png", MAP_ATTRIBUTION: "© City" })).toEqual({
      tileUrl: "https://tiles.example/{z}/{x}/{y}.png",
      attribution: "© City",
    });
  });
});
