/**
 * Counts how often the event loop turned while `work` ran (each turn: one setImmediate). Tests use it to
 * show that heavy work runs off the event loop: counted turns, never elapsed time.
 */
export async function turnsDuring(work: Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const spin = () => {
    if (!running) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  try {
    await work;
  } finally {
    running = false;
  }
  return turns;
}
