// Types for @mapbox/geojson-rewind (the package ships none).
declare module '@mapbox/geojson-rewind' {
  /** Rewinds rings in place and returns the input; `clockwise = false` gives RFC 7946 (outer rings counter-clockwise). */
  export default function rewind<T>(geojson: T, clockwise?: boolean): T;
}
