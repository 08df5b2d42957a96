/**
 * On SIGUSR2, notes the process's CPU time so far, collects garbage (when started with
 * `--expose-gc`) and prints `MEMORY {"rss","heapUsed","cpuMicros","gcCpuMicros"}`, so a benchmark can
 * read a server's memory, and the CPU it spent between two moments it chooses (`cpuMicros` is read
 * before the collection, `gcCpuMicros` is what the collection itself cost).
 */
export function reportMemoryOnSignal(): void {
  process.on('SIGUSR2', () => {
    const cpu = process.cpuUsage();
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const gcCpu = process.cpuUsage(cpu);
    const { rss, heapUsed } = process.memoryUsage();
    process.stdout.write(`MEMORY ${JSON.stringify({ rss, heapUsed, cpuMicros: cpu.user + cpu.system, gcCpuMicros: gcCpu.user + gcCpu.system })}\n`);
  });
}
