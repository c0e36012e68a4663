/**
 * The Remix options, kept in one place and passed to the Vite plugin by vite.config.ts
 * (the classic compiler that used to read this file is deprecated). Every v3 future flag is on but
 * lazy route discovery (decision 13: the manifest is sent up front), so the move to React Router 7
 * stays a small step; routes are listed by app/routes.ts.
 * @type {import('@remix-run/dev').VitePluginConfig}
 */
export default {
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
    v3_routeConfig: true,
  },
};
