import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixOptions from "./remix.config.js";

export default defineConfig({
  plugins: [remix(remixOptions), tsconfigPaths()],
  build: { target: "es2020" },
});
