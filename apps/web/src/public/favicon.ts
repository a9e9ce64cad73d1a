/**
 * The platform's icon (SVG), linked from every page (workbench, public portal, external form, /docs) and
 * served by the server at /favicon.svg and /favicon.ico, so no browser asks for a missing icon.
 */
export const faviconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect width="32" height="32" rx="6" fill="#0b5394"/>
  <path d="M7 23V9h5.5a7 7 0 0 1 0 14z" fill="none" stroke="#fff" stroke-width="2.5"/>
  <path d="M18 23l3.5-6 3.5 6m-5.2-3h3.4" fill="none" stroke="#ffbf47" stroke-width="2"/>
</svg>
`;

export const FAVICON_HREF = '/favicon.svg';
