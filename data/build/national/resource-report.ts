// Build time, CPU time and peak memory of a long-running build step, as the scale issue asks to
// report them. Peak RSS comes from the kernel's own high-water mark (getrusage), so no sampling
// can miss a spike; CPU counts every thread of the process, the build's workers included.
export interface ResourceReport {
  seconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
}

const LINE = /^\[(.+)\] ([\d.]+) s wall, ([\d.]+) s CPU, peak RSS (\d+) MiB$/;

const cpuMicros = (usage: NodeJS.ResourceUsage) => usage.userCPUTime + usage.systemCPUTime;

export function measureResources(label: string): () => ResourceReport {
  const started = performance.now();
  const cpuAtStart = cpuMicros(process.resourceUsage());
  return () => {
    const usage = process.resourceUsage();
    const report = {
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (cpuMicros(usage) - cpuAtStart) / 1e6,
      peakRssMiB: usage.maxRSS / 1024,
    };
    console.log(`[${label}] ${report.seconds.toFixed(1)} s wall, ${report.cpuSeconds.toFixed(1)} s CPU, peak RSS ${report.peakRssMiB.toFixed(0)} MiB`);
    return report;
  };
}

/** The reports a build's output printed, by label: how the benchmark reads a child process's figures. */
export function parseResourceReports(output: string): Map<string, ResourceReport> {
  const reports = new Map<string, ResourceReport>();
  for (const line of output.split('\n')) {
    const match = LINE.exec(line.trim());
    if (match) reports.set(match[1], { seconds: Number(match[2]), cpuSeconds: Number(match[3]), peakRssMiB: Number(match[4]) });
  }
  return reports;
}
