/**
 * On SIGUSR2, collects garbage (when started with `--expose-gc`) and prints `MEMORY {"rss","heapUsed"}`,
 * so a benchmark can read a server's memory at moments it chooses.
 */
export function reportMemoryOnSignal(): void {
  process.on('SIGUSR2', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.stdout.write(`MEMORY ${JSON.stringify({ rss, heapUsed })}\n`);
  });
}
