// Build time and peak memory of a long-running build step, as the scale issue asks to report them.
// Peak RSS comes from the kernel's own high-water mark (getrusage), so no sampling can miss a spike.
export interface ResourceReport {
  seconds: number;
  peakRssMiB: number;
}

export function measureResources(label: string): () => ResourceReport {
  const started = performance.now();
  return () => {
    const report = { seconds: (performance.now() - started) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
    console.log(`[${label}] ${report.seconds.toFixed(1)} s, peak RSS ${report.peakRssMiB.toFixed(0)} MiB`);
    return report;
  };
}
