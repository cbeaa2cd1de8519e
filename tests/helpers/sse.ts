// Reads a server-sent event stream as a test sees it: one event at a time, with its name and id.
export interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  /** The next event, or null when the stream ended. */
  async function next(): Promise<SseEvent | null> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = { event: 'message', data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          const [, field, value] = /^(\w+): ?(.*)$/.exec(line) ?? [];
          if (field === 'event') event.event = value;
          else if (field === 'id') event.id = value;
          else if (field === 'data') data.push(value);
        }
        event.data = data.join('\n');
        return event;
      }
      const { done, value } = await reader.read();
      if (done) return null;
      buffer += decoder.decode(value, { stream: true });
    }
  }
  /** The next event of this name, skipping pings and others. */
  async function nextOf(name: string): Promise<SseEvent> {
    for (;;) {
      const e = await next();
      if (!e) throw new Error(`stream ended before a '${name}' event`);
      if (e.event === name) return e;
    }
  }
  return { next, nextOf, cancel: () => reader.cancel() };
}
