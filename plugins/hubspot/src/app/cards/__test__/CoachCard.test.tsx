import React from "react";
import { describe, expect, it } from "vitest";
import { Button, Heading, Link, ProgressBar, Tag, Text, Tile } from "@hubspot/ui-extensions";
import { createRenderer } from "@hubspot/ui-extensions/testing";
import { CoachCard, type CardContext } from "../components/CoachCard";
import { fakeFetcher, type FetchCall } from "./fake-fetcher";

const origin = "https://coach.example";
const context = (locale = "en-us"): CardContext => ({
  user: { id: 42, email: "rep@example.com", locale },
  portal: { id: 9001 },
  crm: { objectId: 777, objectTypeId: "0-3" },
});

const tipEvent = (id: string, title: string, severity = "warn") => ({
  id, type: "tip", data: { id, kind: "objection_price", title, message: `${title}!`, severity },
});

function backend(pollEvents: () => unknown[] = () => []) {
  return fakeFetcher({
    "/hubspot/api/v1/interactions": () => ({ status: 201, body: { id: "int-1" } }),
    "/hubspot/api/v1/recommendations": () => ({
      status: 200,
      body: { items: [{ contentId: "c1", title: "Retail case study", type: "case_study", url: "https://docs.example/c1", reasons: ["Industry: retail"] }] },
    }),
    "/hubspot/api/v1/interactions/int-1/poll": () => ({ status: 200, body: { events: pollEvents(), completed: false } }),
    "/hubspot/api/v1/content/c1/events": () => ({ status: 202 }),
    "/hubspot/api/v1/interactions/int-1/tips/[^/]+/events": () => ({ status: 202 }),
    "/hubspot/api/v1/interactions/int-1/complete": () => ({ status: 200, body: { summary: "Pricing objection handled.", nextSteps: ["Send quote"] } }),
  });
}

function render(fetcher: ReturnType<typeof backend>["fetcher"], locale = "en-us", autoStart = true) {
  const renderer = createRenderer("crm.record.tab");
  renderer.render(
    <CoachCard context={context(locale)} fetcher={fetcher} backendOrigin={origin} pollIntervalMs={20} autoStart={autoStart} actions={renderer.mocks.actions} />,
  );
  return renderer;
}

const bodies = (calls: FetchCall[], path: string) => calls.filter((c) => c.url.includes(path)).map((c) => c.body);

describe("CoachCard", () => {
  it("AutoStart_CreatesInteractionForDealWithUserAndLanguage", async () => {
    const { fetcher, calls } = backend();
    const renderer = render(fetcher, "fr-fr");
    await renderer.waitFor(() => expect(calls.some((c) => c.url.includes("/poll"))).toBe(true));
    expect(calls[0]).toEqual({
      url: `${origin}/hubspot/api/v1/interactions`, method: "POST",
      body: { crm: "hubspot", recordType: "deals", recordId: "777", repId: "42", language: "fr", channel: "call" },
    });
    expect(renderer.find(Heading).text).toBe("Coach commercial");
  });

  it("Poll_TipsArriveNewestFirstWithSeverityAndAfterCursor", async () => {
    let batch = 0;
    const { fetcher, calls } = backend(() => {
      batch++;
      if (batch === 1) return [tipEvent("t1", "Price objection", "warn")];
      if (batch === 2) return [tipEvent("t2", "Ask about budget", "suggest")];
      return [];
    });
    const renderer = render(fetcher);
    await renderer.waitFor(() => expect(renderer.findAll(Tile, (n) => String(n.props.testId).startsWith("tip-"))).toHaveLength(2));
    const tiles = renderer.findAll(Tile, (n) => String(n.props.testId).startsWith("tip-"));
    expect(tiles.map((t) => t.props.testId)).toEqual(["tip-t2", "tip-t1"]);
    expect(tiles[1]!.find(Tag).props.variant).toBe("warning");
    expect(tiles[1]!.find(Tag).text).toBe("Warning");
    const polls = calls.filter((c) => c.url.includes("/poll")).map((c) => c.url);
    expect(polls[0]).toBe(`${origin}/hubspot/api/v1/interactions/int-1/poll`);
    expect(polls[1]).toBe(`${origin}/hubspot/api/v1/interactions/int-1/poll?after=t1`);
  });

  it("TipHelpful_PostsTipEventAndThanks", async () => {
    const { fetcher, calls } = backend(() => [tipEvent("t1", "Price objection")]);
    const renderer = render(fetcher);
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Button, "tip-t1-helpful")).not.toBeNull());
    renderer.findByTestId(Button, "tip-t1-helpful").trigger("onClick");
    await renderer.waitFor(() => expect(bodies(calls, "/tips/t1/events")).toEqual([{ type: "helpful", repId: "42" }]));
    expect(renderer.findByTestId(Tile, "tip-t1").findAll(Text).map((t) => t.text)).toContain("Thanks for the feedback");
  });

  it("ContentOpen_LinkOpensExternallyAndPostsOpenEvent", async () => {
    const { fetcher, calls } = backend();
    const renderer = render(fetcher);
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Link, "content-c1-open")).not.toBeNull());
    const link = renderer.findByTestId(Link, "content-c1-open");
    expect(link.props.href).toEqual({ url: "https://docs.example/c1", external: true });
    expect(renderer.findByTestId(Tile, "content-c1").findAll(Text).map((t) => t.text)).toContain("Industry: retail");
    link.trigger("onClick");
    await renderer.waitFor(() => expect(bodies(calls, "/content/c1/events")).toEqual([{ type: "open", interactionId: "int-1", repId: "42" }]));
  });

  it("ContentShare_CopiesUrlThroughHubSpotActions", async () => {
    const { fetcher, calls } = backend();
    const renderer = render(fetcher);
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Button, "content-c1-share")).not.toBeNull());
    renderer.findByTestId(Button, "content-c1-share").trigger("onClick");
    await renderer.waitFor(() => expect(renderer.mocks.actions.copyTextToClipboard.calls).toEqual([["https://docs.example/c1"]]));
    await renderer.waitFor(() => expect(bodies(calls, "/content/c1/events")).toContainEqual({ type: "share", interactionId: "int-1", repId: "42" }));
  });

  it("Metrics_ShowTalkRatioBar", async () => {
    const { fetcher } = backend(() => [{ id: "m1", type: "metrics", data: { repTalkShare: 0.65, customerTalkShare: 0.35, longestMonologueMs: 42000 } }]);
    const renderer = render(fetcher, "de-de");
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(ProgressBar, "talk-ratio")).not.toBeNull());
    const bar = renderer.findByTestId(ProgressBar, "talk-ratio");
    expect(bar.props.value).toBe(65);
    expect(bar.props.valueDescription).toBe("Vertrieb 65 %, Kunde 35 %");
  });

  it("End_ShowsSummaryAndStopsPolling", async () => {
    const { fetcher, calls } = backend();
    const renderer = render(fetcher);
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Button, "end")).not.toBeNull());
    renderer.findByTestId(Button, "end").trigger("onClick");
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Tile, "summary")).not.toBeNull());
    expect(renderer.findByTestId(Tile, "summary").findAll(Text).map((t) => t.text)).toEqual(
      expect.arrayContaining(["Pricing objection handled.", "Send quote"]),
    );
    expect(renderer.findByTestId(Tag, "status").text).toBe("Completed");
    const polls = calls.filter((c) => c.url.includes("/poll")).length;
    await new Promise((r) => setTimeout(r, 80));
    expect(calls.filter((c) => c.url.includes("/poll")).length).toBe(polls);
  });

  it("StartRejected_ShowsProblemDetailPolitely", async () => {
    const { fetcher } = fakeFetcher({
      "/hubspot/api/v1/interactions": () => ({ status: 403, body: { title: "Forbidden", detail: "Portal 9001 is not connected." } }),
    });
    const renderer = render(fetcher, "en-us", false);
    renderer.findByTestId(Button, "start").trigger("onClick");
    await renderer.waitFor(() => expect(renderer.getRootNode().toString()).toContain("Something went wrong: Portal 9001 is not connected."));
    expect(renderer.maybeFindByTestId(Button, "start")).not.toBeNull();
  });

  it("Poll_SessionExpired_StopsPollingAndAsksToReload", async () => {
    const { fetcher, calls } = fakeFetcher({
      "/hubspot/api/v1/interactions": () => ({ status: 201, body: { id: "int-1" } }),
      "/hubspot/api/v1/recommendations": () => ({ status: 200, body: { items: [] } }),
      "/hubspot/api/v1/interactions/int-1/poll": () => ({ status: 401, body: { title: "Unauthorized" } }),
    });
    const renderer = render(fetcher);
    await renderer.waitFor(() => expect(renderer.getRootNode().toString()).toContain("Your session has expired. Please reload the page."));
    const polls = calls.filter((c) => c.url.includes("/poll")).length;
    await new Promise((r) => setTimeout(r, 80));
    expect(calls.filter((c) => c.url.includes("/poll")).length).toBe(polls);
  });
});
