import { describe, expect, it } from "vitest";
import { EventStreamClient, type StreamStatus } from "../src/event-stream";
import type { SseMessage } from "../src/sse-parser";
import { FakeBackend, jsonResponse } from "./fake-backend";

function client(backend: FakeBackend, delays: number[], statuses: StreamStatus[], messages: SseMessage[]) {
  return new EventStreamClient({
    url: "http://api.test/api/v1/interactions/i1/events",
    getToken: async () => "tok-1",
    fetch: backend.fetch,
    onMessage: (m) => messages.push(m),
    onStatus: (s) => statuses.push(s),
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 1,
  });
}

describe("EventStreamClient", () => {
  it("Run_ConnectionDrops_ReconnectsWithLastEventIdAndBearer", async () => {
    const backend = new FakeBackend().sse();
    const messages: SseMessage[] = [];
    const statuses: StreamStatus[] = [];
    const c = client(backend, [], statuses, messages);
    const running = c.run();

    await backend.until(() => backend.connections.length === 1, "first connection");
    const first = backend.connections[0]!;
    expect(first.lastEventId).toBeUndefined();
    first.send("id: e1\nevent: tip\ndata: {\"n\":1}\n\nid: e2\nevent: tip\nda");
    first.send("ta: {\"n\":2}\n\n");
    first.close();

    await backend.until(() => backend.connections.length === 2, "reconnect");
    expect(backend.connections[1]!.lastEventId).toBe("e2");
    expect(backend.requests[1]!.headers.authorization).toBe("Bearer tok-1");
    expect(backend.requests[1]!.headers.accept).toBe("text/event-stream");
    backend.connections[1]!.send("id: e3\nevent: metrics\ndata: {}\n\n");
    await backend.until(() => messages.length === 3, "third event");

    c.stop();
    backend.connections[1]!.close();
    await running;
    expect(messages.map((m) => [m.event, m.id])).toEqual([["tip", "e1"], ["tip", "e2"], ["metrics", "e3"]]);
    expect(statuses).toContain("reconnecting");
    expect(statuses[statuses.length - 1]).toBe("closed");
  });

  it("Run_MultiByteCharacterSplitAcrossChunks_DecodedIntact", async () => {
    const backend = new FakeBackend();
    const bytes = new TextEncoder().encode("event: tip\ndata: 价格太高\n\n");
    backend.on("GET", /events$/, () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          // Split inside the 3-byte UTF-8 sequence of the first Chinese character.
          controller.enqueue(bytes.slice(0, 18));
          controller.enqueue(bytes.slice(18));
          controller.close();
        },
      });
      return new Response(body, { headers: { "Content-Type": "text/event-stream; charset=utf-8" } });
    });
    const messages: SseMessage[] = [];
    const c = client(backend, [], [], messages);
    const running = c.run();
    await backend.until(() => messages.length === 1, "event");
    c.stop();
    await running;
    expect(messages[0]!.data).toBe("价格太高");
  });

  it("Run_ServerFailsRepeatedly_BacksOffExponentiallyUpToMax", async () => {
    const backend = new FakeBackend().json("GET", /events$/, 503, { title: "busy" });
    const delays: number[] = [];
    const c = client(backend, delays, [], []);
    const running = c.run();
    await backend.until(() => backend.requests.length >= 7, "seven attempts");
    c.stop();
    await running;
    expect(delays.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 16000, 30000]);
  });

  it("Run_ServerSendsRetryField_UsesItAsBase", async () => {
    const backend = new FakeBackend();
    let calls = 0;
    backend.on("GET", /events$/, () => {
      calls++;
      return new Response(calls === 1 ? "retry: 250\n\n" : "", { headers: { "Content-Type": "text/event-stream" } });
    });
    const delays: number[] = [];
    const c = client(backend, delays, [], []);
    const running = c.run();
    await backend.until(() => calls >= 2, "second call");
    c.stop();
    await running;
    expect(delays[0]).toBe(250);
  });

  it("Run_Unauthorized_StopsWithoutRetrying", async () => {
    const backend = new FakeBackend().on("GET", /events$/, () => jsonResponse(401, { title: "Unauthorized" }));
    const statuses: StreamStatus[] = [];
    const delays: number[] = [];
    await client(backend, delays, statuses, []).run();
    expect(backend.requests).toHaveLength(1);
    expect(delays).toEqual([]);
    expect(statuses[statuses.length - 1]).toBe("unauthorized");
  });

  it("Run_NetworkErrorThenSuccess_Recovers", async () => {
    const backend = new FakeBackend().sse();
    let failures = 1;
    const flaky: typeof fetch = async (input, init) => {
      if (failures-- > 0) throw new TypeError("Failed to fetch");
      return backend.fetch(input, init);
    };
    const messages: SseMessage[] = [];
    const c = new EventStreamClient({
      url: "http://api.test/events", getToken: () => "t", fetch: flaky, onMessage: (m) => messages.push(m),
      sleep: async () => undefined,
    });
    const running = c.run();
    await backend.until(() => backend.connections.length === 1, "connection");
    backend.connections[0]!.send("data: ok\n\n");
    await backend.until(() => messages.length === 1, "message");
    c.stop();
    backend.connections[0]!.close();
    await running;
    expect(messages[0]!.data).toBe("ok");
  });
});
