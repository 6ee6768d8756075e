import { describe, expect, it } from "vitest";
import { SseParser, type SseMessage } from "../src/sse-parser";

function parse(chunks: string[]): { messages: SseMessage[]; retries: number[]; parser: SseParser } {
  const messages: SseMessage[] = [];
  const retries: number[] = [];
  const parser = new SseParser((m) => messages.push(m), (ms) => retries.push(ms));
  for (const c of chunks) parser.push(c);
  return { messages, retries, parser };
}

const stream =
  "\uFEFF: welcome comment\r\n" +
  "retry: 2500\r\n" +
  "id: 1\r\nevent: tip\r\ndata: {\"id\":\"t1\",\"title\":\"Price\"}\r\n\r\n" +
  "id: 2\nevent: metrics\ndata: {\"a\":1,\ndata: \"b\":2}\n\n" +
  "id: 3\revent: content\rdata:{\"items\":[]}\r\r" +
  "data: no event name\n\n";

const expected: SseMessage[] = [
  { event: "tip", data: '{"id":"t1","title":"Price"}', id: "1" },
  { event: "metrics", data: '{"a":1,\n"b":2}', id: "2" },
  { event: "content", data: '{"items":[]}', id: "3" },
  { event: "message", data: "no event name", id: "3" },
];

describe("SseParser", () => {
  it("Push_WholeStream_DispatchesEveryEventWithIds", () => {
    const { messages, retries, parser } = parse([stream]);
    expect(messages).toEqual(expected);
    expect(retries).toEqual([2500]);
    expect(parser.lastEventId).toBe("3");
  });

  it("Push_SplitAtEveryPosition_SameEvents", () => {
    for (let i = 1; i < stream.length; i++) {
      const { messages } = parse([stream.slice(0, i), stream.slice(i)]);
      expect(messages, `split at ${i}`).toEqual(expected);
    }
  });

  it("Push_OneCharacterAtATime_SameEvents", () => {
    expect(parse([...stream]).messages).toEqual(expected);
  });

  it("Push_CrLfSplitBetweenChunks_NoPhantomBlankLine", () => {
    // A CR at the end of one chunk and the LF at the start of the next form one line end:
    // treating them as two would dispatch "a" before its second data line.
    const { messages } = parse(["data: a\r", "\ndata: b\r", "\n\r", "\n"]);
    expect(messages).toEqual([{ event: "message", data: "a\nb", id: "" }]);
  });

  it("Push_EventWithoutData_NotDispatchedAndNameReset", () => {
    const { messages } = parse(["event: tip\n\n", "data: x\n\n"]);
    expect(messages).toEqual([{ event: "message", data: "x", id: "" }]);
  });

  it("Push_IncompleteEventAtEnd_NotDispatched", () => {
    const { messages } = parse(["id: 9\ndata: partial\n"]);
    expect(messages).toEqual([]);
  });

  it("Push_IdWithNul_Ignored", () => {
    const { parser } = parse(["id: 5\n\n", "id: 6\u0000x\n\n"]);
    expect(parser.lastEventId).toBe("5");
  });

  it("Push_EmptyId_ResetsLastEventId", () => {
    const { messages } = parse(["id: 5\ndata: a\n\n", "id\ndata: b\n\n"]);
    expect(messages.map((m) => m.id)).toEqual(["5", ""]);
  });

  it("Push_FieldWithoutSpaceOrColon_ParsedPerSpec", () => {
    const { messages, retries } = parse(["data:x\ndata\nretry: soon\n\n"]);
    expect(messages).toEqual([{ event: "message", data: "x\n", id: "" }]);
    expect(retries).toEqual([]);
  });

  it("Reset_KeepsLastEventIdDropsPartialLine", () => {
    const { parser, messages } = parse(["id: 7\ndata: a\n\ndata: cut"]);
    parser.reset();
    parser.push("data: b\n\n");
    expect(messages.map((m) => [m.data, m.id])).toEqual([["a", "7"], ["b", "7"]]);
  });
});
