import { describe, expect, it } from "vitest";
import { ApiClient, ApiError } from "../src/api-client";
import { FakeBackend, jsonResponse } from "./fake-backend";

function api(backend: FakeBackend, sleeps: number[] = []) {
  return new ApiClient({
    baseUrl: "http://api.test/",
    getToken: async () => "secret-token",
    fetch: backend.fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

describe("ApiClient", () => {
  it("CreateInteraction_SendsBearerAndJson_ReturnsId", async () => {
    const backend = new FakeBackend().json("POST", /^\/api\/v1\/interactions$/, 201, { id: "i-9" });
    const result = await api(backend).createInteraction({
      crm: "salesforce", recordType: "Opportunity", recordId: "006x", repId: "005y", language: "en", channel: "call",
    });
    expect(result.id).toBe("i-9");
    const req = backend.requests[0]!;
    expect(req.url).toBe("http://api.test/api/v1/interactions");
    expect(req.headers.authorization).toBe("Bearer secret-token");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.body).toMatchObject({ crm: "salesforce", recordId: "006x" });
  });

  it("Send_ProblemDetails_ThrowsApiErrorWithDetail", async () => {
    const backend = new FakeBackend().json("POST", /recommendations$/, 400, {
      title: "One or more validation errors occurred.", status: 400, detail: "limit must be 1-50",
    });
    const error = await api(backend).recommendations({ limit: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toBe("limit must be 1-50");
    expect(backend.requests).toHaveLength(1);
  });

  it("Send_503WithRetryAfter_RetriesAfterThatManySeconds", async () => {
    const backend = new FakeBackend();
    let calls = 0;
    backend.on("POST", /events$/, () =>
      ++calls === 1 ? jsonResponse(503, { title: "busy" }, { "Retry-After": "2" }) : new Response(null, { status: 202 }),
    );
    const sleeps: number[] = [];
    await api(backend, sleeps).postContentEvent("c1", "open", "i1", "r1");
    expect(calls).toBe(2);
    expect(sleeps).toEqual([2000]);
    expect(backend.requests[1]!.body).toEqual({ type: "open", interactionId: "i1", repId: "r1" });
  });

  it("CreateInteraction_ServerError_NotRetried", async () => {
    const backend = new FakeBackend().json("POST", /interactions$/, 503, { title: "busy" });
    await expect(
      api(backend).createInteraction({ crm: "hubspot", recordType: "deals", recordId: "1", repId: "2", language: "en", channel: "call" }),
    ).rejects.toBeInstanceOf(ApiError);
    expect(backend.requests).toHaveLength(1);
  });

  it("Send_NetworkFailsEveryTime_ThrowsStatusZeroAfterRetries", async () => {
    const failing = new ApiClient({
      baseUrl: "", getToken: () => "t", sleep: async () => undefined,
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    const error = (await failing.complete("i1").catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
  });

  it("PostTipFeedback_EncodesIdsInPath", async () => {
    const backend = new FakeBackend().json("POST", /\/tips\/.+\/events$/, 202);
    await api(backend).postTipFeedback("i/1", "t 2", "helpful", "rep");
    expect(backend.requests[0]!.url).toBe("http://api.test/api/v1/interactions/i%2F1/tips/t%202/events");
    expect(backend.requests[0]!.body).toEqual({ type: "helpful", repId: "rep" });
  });
});
