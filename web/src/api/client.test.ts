// Reads on a connection that went silent: given up after the limit, asked once more, then told;
// slow answers that keep arriving and writes are never cut short.
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { ApiRequestError, requestJson } from './client';
import { READ_TIMEOUT_MS } from './silence-limit';

/** A fetch that never answers, as on a dead kept-alive connection, until its request is aborted. */
const silent = (_url: string, init: RequestInit) =>
  new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
const answering = (body: unknown) => () => Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));

type Fetch = (url: string, init: RequestInit) => Promise<Response>;
let fetchMock: Mock<Fetch>;
beforeEach(() => {
  vi.useFakeTimers();
  fetchMock = vi.fn<Fetch>();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const settled = (promise: Promise<unknown>) => {
  const state = { done: false, error: undefined as unknown, value: undefined as unknown };
  promise.then((value) => Object.assign(state, { done: true, value }), (error: unknown) => Object.assign(state, { done: true, error }));
  return state;
};

describe('reads on a silent connection', () => {
  it('asks again after the limit and lands the second answer', async () => {
    fetchMock.mockImplementationOnce(silent).mockImplementationOnce(answering({ ok: 1 }));
    const read = settled(requestJson('GET', '/api/county'));
    await vi.advanceTimersByTimeAsync(READ_TIMEOUT_MS - 1);
    expect(read.done).toBe(false);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(read).toMatchObject({ done: true, value: { ok: 1 } });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('tells the user, in both languages, when the second try gets no answer either', async () => {
    fetchMock.mockImplementation(silent);
    const read = settled(requestJson('GET', '/api/county'));
    await vi.advanceTimersByTimeAsync(2 * READ_TIMEOUT_MS);
    expect(read.done).toBe(true);
    expect(read.error).toBeInstanceOf(ApiRequestError);
    const { status, body } = read.error as ApiRequestError;
    expect(status).toBe(0);
    expect(body.error).toMatchObject({ code: 'timeout', message: expect.stringMatching(/应答/), messageEn: expect.stringMatching(/did not answer/) });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('gives up when the answer began but its body stopped coming', async () => {
    const stalledBody: Fetch = (_url, init) => {
      const stream = new ReadableStream({ start: (controller) => void init.signal?.addEventListener('abort', () => controller.error(new Error('aborted'))) });
      return Promise.resolve(new Response(stream, { status: 200 }));
    };
    fetchMock.mockImplementation(stalledBody);
    const read = settled(requestJson('GET', '/api/villages'));
    await vi.advanceTimersByTimeAsync(2 * READ_TIMEOUT_MS);
    expect((read.error as ApiRequestError).body.error.code).toBe('timeout');
  });

  it('lets a slow answer that keeps arriving come in, however long it takes', async () => {
    const text = JSON.stringify({ rows: 'x'.repeat(60) });
    const trickle: Fetch = () => {
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull: (controller) =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              controller.enqueue(new TextEncoder().encode(text.slice(sent, sent + 10)));
              sent += 10;
              if (sent >= text.length) controller.close();
              resolve();
            }, READ_TIMEOUT_MS / 2),
          ),
      });
      return Promise.resolve(new Response(stream, { status: 200 }));
    };
    fetchMock.mockImplementation(trickle);
    const read = settled(requestJson('GET', '/api/villages'));
    await vi.advanceTimersByTimeAsync(10 * READ_TIMEOUT_MS);
    expect(read).toMatchObject({ done: true, value: { rows: 'x'.repeat(60) } });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('does not retry a refused connection: that is "cannot reach the server" at once', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(requestJson('GET', '/api/county')).rejects.toMatchObject({ status: 0, body: { error: { code: 'network' } } });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('never cuts a write short: a slow upload keeps going', async () => {
    fetchMock.mockImplementation(silent);
    const write = settled(requestJson('POST', '/api/problems', { a: 1 }));
    await vi.advanceTimersByTimeAsync(10 * READ_TIMEOUT_MS);
    expect(write.done).toBe(false);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0][1].signal).toBeUndefined();
  });
});
