import React from "react";
import { describe, expect, it } from "vitest";
import { Alert, Button, Tag, Text, Tile } from "@hubspot/ui-extensions";
import { createRenderer } from "@hubspot/ui-extensions/testing";
import { CoachCard, type CardContext } from "../components/CoachCard";
import { translator } from "../i18n";
import { fakeFetcher, type FetchCall } from "./fake-fetcher";

const origin = "https://coach.example";
const context = (locale: string): CardContext => ({ user: { id: 42, locale }, portal: { id: 9001 }, crm: { objectId: 777, objectTypeId: "0-3" } });

/** The card's routes, with the interaction's consent kept as PUT records it (or as a test sets it, "elsewhere"). */
function backend(interaction: { consentRequired: boolean; consent?: boolean | null }) {
  const stored = { consent: interaction.consent ?? null };
  const fake = fakeFetcher({
    "/hubspot/api/v1/interactions": () => ({ status: 201, body: { id: "int-1", consentRequired: interaction.consentRequired, consent: stored.consent } }),
    "/hubspot/api/v1/interactions/int-1": () => ({ status: 200, body: { id: "int-1", consentRequired: interaction.consentRequired, consent: stored.consent } }),
    "/hubspot/api/v1/interactions/int-1/consent": (call) => {
      stored.consent = (call.body as { consent: boolean }).consent;
      return { status: 200, body: { id: "int-1", consent: stored.consent } };
    },
    "/hubspot/api/v1/recommendations": () => ({ status: 200, body: { items: [] } }),
    "/hubspot/api/v1/interactions/int-1/poll": () => ({
      status: 200, body: { events: [{ id: "e1", type: "tip", data: { id: "t1", kind: "objection_price", title: "Price", message: "Price!", severity: "warn" } }], completed: false },
    }),
  });
  return { ...fake, stored };
}

function render(fetcher: ReturnType<typeof backend>["fetcher"], locale = "en-us") {
  const renderer = createRenderer("crm.record.tab");
  renderer.render(<CoachCard context={context(locale)} fetcher={fetcher} backendOrigin={origin} pollIntervalMs={20} autoStart />);
  return renderer;
}

const count = (calls: FetchCall[], part: string) => calls.filter((c) => c.url.includes(part)).length;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("CoachCard consent", () => {
  it("ConsentRequired_AsksInTheRepsLanguageAndCoachesOnlyAfterTheirYes", async () => {
    const { fetcher, calls } = backend({ consentRequired: true });
    const renderer = render(fetcher, "de-de");
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Button, "consent-grant")).not.toBeNull());

    expect(renderer.findByTestId(Button, "consent-grant").text).toBe("Kunde stimmt zu");
    expect(renderer.findByTestId(Tag, "status").text).toBe("Warte auf Einwilligung");
    expect(renderer.findByTestId(Tile, "consent").find(Text).text).toContain("Fragen Sie zuerst den Kunden");
    expect(renderer.maybeFindByTestId(Button, "end")).toBeNull();
    await pause(60);
    expect(count(calls, "/poll")).toBe(0);
    expect(count(calls, "/recommendations")).toBe(0);

    renderer.findByTestId(Button, "consent-grant").trigger("onClick");
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Tile, "tip-t1")).not.toBeNull());
    expect(calls.filter((c) => c.method === "PUT")).toEqual([{ url: `${origin}/hubspot/api/v1/interactions/int-1/consent`, method: "PUT", body: { consent: true } }]);
    expect(count(calls, "/recommendations")).toBe(1);
    expect(renderer.findByTestId(Button, "consent-withdraw").text).toBe("Kunde widerruft Einwilligung");
    expect(renderer.findByTestId(Tag, "status").text).toBe("Live");
  });

  it("ConsentRequired_CustomerDeclines_NothingPolledAndTheCardSaysSo", async () => {
    const { fetcher, calls } = backend({ consentRequired: true });
    const renderer = render(fetcher, "fr-fr");
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Button, "consent-refuse")).not.toBeNull());

    renderer.findByTestId(Button, "consent-refuse").trigger("onClick");
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Button, "consent-grant")?.text).toBe("Le client accepte désormais"));

    expect(renderer.findByTestId(Tile, "consent").find(Text).text).toBe("Le client a refusé : rien de cet appel n'est enregistré ni analysé.");
    expect(renderer.findByTestId(Tag, "status").text).toBe("Coaching désactivé");
    await pause(60);
    expect(count(calls, "/poll")).toBe(0);
    expect(calls.filter((c) => c.method === "PUT").map((c) => c.body)).toEqual([{ consent: false }]);
  });

  it("ConsentRequired_AnswerRecordedElsewhere_CardFollowsAndGoesLive", async () => {
    const { fetcher, calls, stored } = backend({ consentRequired: true });
    const renderer = render(fetcher);
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Button, "consent-grant")).not.toBeNull());
    // The card reads the interaction again while it asks (no render follows while the answer stays the same).
    for (let i = 0; i < 100 && calls.filter((c) => c.method === "GET" && c.url.endsWith("/interactions/int-1")).length < 2; i++) await pause(10);
    expect(calls.filter((c) => c.method === "GET" && c.url.endsWith("/interactions/int-1")).length).toBeGreaterThan(1);
    expect(count(calls, "/poll")).toBe(0);

    stored.consent = true;

    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Tile, "tip-t1")).not.toBeNull());
    expect(renderer.maybeFindByTestId(Button, "consent-withdraw")).not.toBeNull();
    expect(calls.filter((c) => c.method === "PUT")).toHaveLength(0);
  });

  it("Live_WithdrawnElsewhere_ThePolledConsentEventTurnsTheCardOff", async () => {
    const events: unknown[] = [{ id: "1", type: "tip", data: { id: "t1", kind: "objection_price", title: "Price", message: "Price!", severity: "warn" } }];
    const { fetcher, calls } = fakeFetcher({
      "/hubspot/api/v1/interactions": () => ({ status: 201, body: { id: "int-1", consentRequired: false, consent: true } }),
      "/hubspot/api/v1/recommendations": () => ({ status: 200, body: { items: [] } }),
      "/hubspot/api/v1/interactions/int-1/poll": () => ({ status: 200, body: { events: [...events], completed: false } }),
    });
    const renderer = render(fetcher);
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Tile, "tip-t1")).not.toBeNull());
    expect(renderer.maybeFindByTestId(Button, "consent-withdraw")).not.toBeNull();

    // Recorded on another screen or by a telephony integration: the card learns it from the call's events.
    events.push({ id: "2", type: "consent", data: { consent: false, consentAt: "2025-01-06T09:01:00Z" } });

    await renderer.waitFor(() => expect(renderer.findByTestId(Tag, "status").text).toBe("Coaching off"));
    expect(renderer.maybeFindByTestId(Button, "consent-grant")).not.toBeNull();
    expect(renderer.maybeFindByTestId(Tile, "tip-t1")).not.toBeNull();
    expect(calls.filter((c) => c.method === "PUT")).toHaveLength(0);
  });

  it("NotRequired_CustomerObjectsDuringTheCall_RecordedAndShownAsOff", async () => {
    const { fetcher, calls } = backend({ consentRequired: false });
    const renderer = render(fetcher);
    await renderer.waitFor(() => expect(renderer.maybeFindByTestId(Tile, "tip-t1")).not.toBeNull());
    expect(renderer.findByTestId(Button, "consent-refuse").text).toBe("Customer objects");

    renderer.findByTestId(Button, "consent-refuse").trigger("onClick");

    await renderer.waitFor(() => expect(renderer.findByTestId(Tag, "status").text).toBe("Coaching off"));
    expect(calls.filter((c) => c.method === "PUT").map((c) => c.body)).toEqual([{ consent: false }]);
    // What was coached before stays, and the call can still be summarised.
    expect(renderer.maybeFindByTestId(Tile, "tip-t1")).not.toBeNull();
    expect(renderer.maybeFindByTestId(Button, "end")).not.toBeNull();
  });

  it.each(["en-us", "es-es", "fr-fr", "de-de", "zh-cn"])("ConsentConflict_%s_ShownInTheRepsLanguageNotAsAGenericError", async (locale) => {
    const { fetcher } = fakeFetcher({
      "/hubspot/api/v1/interactions": () => ({
        status: 409, body: { type: "urn:salescoach:problem:consent-refused", title: "Consent refused", detail: "English detail." },
      }),
    });
    const renderer = render(fetcher, locale);
    await renderer.waitFor(() => expect(renderer.maybeFind(Alert)).not.toBeNull());
    const t = translator(locale.slice(0, 2) as "en");
    expect(renderer.find(Alert).text).toBe(t("problemConsentRefused"));
    expect(renderer.find(Alert).text).not.toContain("English detail");
  });
});
