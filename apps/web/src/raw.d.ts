// The text of a stylesheet (Vite's `?raw`; the server build resolves it the same way, tsup.config.ts).
declare module '*.css?raw' {
  const text: string;
  export default text;
}
