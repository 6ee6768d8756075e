/** One dispatched server-sent event. */
export interface SseMessage {
  /** The event name; "message" when the server sent no `event:` field. */
  event: string;
  data: string;
  /** The last event id seen so far on this stream (the spec's "last event ID buffer"). */
  id: string;
}

/**
 * Incremental parser for the text/event-stream format (WHATWG HTML, server-sent events).
 * Chunks may split lines, fields and CR LF pairs anywhere: the parser keeps the partial
 * line until its terminator arrives. Feed it already-decoded text.
 */
export class SseParser {
  private buffer = "";
  private data: string[] = [];
  private eventName = "";
  private hasData = false;
  private skipLeadingLf = false;
  private firstChunk = true;
  lastEventId = "";

  constructor(
    private readonly onMessage: (message: SseMessage) => void,
    private readonly onRetry?: (ms: number) => void,
  ) {}

  push(chunk: string): void {
    if (chunk.length === 0) return;
    if (this.firstChunk) {
      this.firstChunk = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.skipLeadingLf && chunk.startsWith("\n")) chunk = chunk.slice(1);
    this.skipLeadingLf = false;
    this.buffer += chunk;

    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.processLine(this.buffer.slice(start, i));
      if (c === 13) {
        if (i + 1 < this.buffer.length) {
          if (this.buffer.charCodeAt(i + 1) === 10) i++;
        } else {
          // A CR at the very end may be the first half of CR LF: drop the LF if it comes next.
          this.skipLeadingLf = true;
        }
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  /** Resets the per-connection state; the last event id survives (it is sent on reconnect). */
  reset(): void {
    this.buffer = "";
    this.data = [];
    this.eventName = "";
    this.hasData = false;
    this.skipLeadingLf = false;
    this.firstChunk = true;
  }

  private processLine(line: string): void {
    if (line.length === 0) {
      this.dispatch();
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    let field = line;
    let value = "";
    if (colon >= 0) {
      field = line.slice(0, colon);
      value = line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
    }
    switch (field) {
      case "event":
        this.eventName = value;
        break;
      case "data":
        this.data.push(value);
        this.hasData = true;
        break;
      case "id":
        if (!value.includes("\0")) this.lastEventId = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) this.onRetry?.(Number(value));
        break;
      default:
        break;
    }
  }

  private dispatch(): void {
    if (!this.hasData) {
      this.eventName = "";
      return;
    }
    const message: SseMessage = {
      event: this.eventName || "message",
      data: this.data.join("\n"),
      id: this.lastEventId,
    };
    this.data = [];
    this.eventName = "";
    this.hasData = false;
    this.onMessage(message);
  }
}
