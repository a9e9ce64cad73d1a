import fs from 'node:fs';

/** DKBM_TRACE=1 prints the duration of each import step to stderr (for profiling). */
export function tracer() {
  let t = performance.now();
  return (step: string) => {
    if (!process.env.DKBM_TRACE) return;
    const now = performance.now();
    // Resident memory now and its peak so far (Linux), to find the step that needs the most.
    let peak = '';
    try {
      peak = /VmHWM:\s*(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '';
    } catch {
      // not Linux
    }
    const mb = (kb: number) => Math.round(kb / 1024);
    const m = process.memoryUsage();
    process.stderr.write(
      `[import] ${step}: ${Math.round(now - t)} ms, RSS ${mb(m.rss / 1024)} MB` +
        (peak ? `, peak ${mb(Number(peak))} MB` : '') +
        ` (JS heap ${mb(m.heapUsed / 1024)} of ${mb(m.heapTotal / 1024)} MB, outside it ${mb(m.external / 1024)} MB)` +
        '\n',
    );
    t = now;
  };
}
