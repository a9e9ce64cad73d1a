/** Vite `?url` import of the MapLibre worker (typed here so that the root type check knows it, too). */
declare module 'maplibre-gl/dist/maplibre-gl-worker.mjs?url' {
  const url: string;
  export default url;
}
