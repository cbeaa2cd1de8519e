// A read that has gone silent is given up: a kept-alive connection that died without a word (a NAT
// entry dropped, a proxy gone) would otherwise hold it until the operating system gives up, minutes
// later. Silent, not slow: every piece of the answer that arrives restarts the clock, so a large
// list over a poor link still comes in.
export const READ_TIMEOUT_MS = 20_000;

export interface SilenceLimit {
  signal: AbortSignal;
  /** Something arrived: the clock starts again. */
  heard(): void;
  stop(): void;
}

export function silenceLimit(ms = READ_TIMEOUT_MS): SilenceLimit {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const heard = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`nothing arrived for ${ms} ms`)), ms);
  };
  heard();
  return { signal: controller.signal, heard, stop: () => clearTimeout(timer) };
}

/** The answer's body, each piece of it reported to the limit as it arrives. */
export function watchedBody(response: Response, limit: SilenceLimit): Response {
  if (!response.body) return response;
  const watch = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, out) {
      limit.heard();
      out.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(watch));
}
