// The text of a stylesheet (Vite's `?raw`; the server build resolves it the same way, tsup.config.ts).
declare module '*.css?raw' {
  const text: string;
  export default text;
}

// The text of a stylesheet to put into a <style> element at run time (Vite's `?inline`).
declare module '*.css?inline' {
  const text: string;
  export default text;
}
