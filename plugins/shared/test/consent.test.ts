import { describe, expect, it } from "vitest";
import { consentProblemKey, consentProblemTypes, consentPrompt, consentStateOf, mayCoach } from "../src/consent";
import { needsReauthorization } from "../src/write-back";

describe("consent", () => {
  it.each([
    [{ consent: null, consentRequired: true }, "asking", false],
    [{ consentRequired: true }, "asking", false],
    [{ consent: null, consentRequired: false }, "not-asked", true],
    [{}, "not-asked", true],
    [{ consent: true, consentRequired: true }, "granted", true],
    [{ consent: true, consentRequired: false }, "granted", true],
    [{ consent: false, consentRequired: false }, "refused", false],
    [{ consent: false, consentRequired: true }, "refused", false],
  ] as const)("ConsentStateOf_%j_%s", (facts, state, coached) => {
    expect(consentStateOf(facts)).toBe(state);
    expect(mayCoach(consentStateOf(facts))).toBe(coached);
  });

  it("ConsentPrompt_EachState_OffersTheAnswersThatChangeIt", () => {
    const answers = (state: Parameters<typeof consentPrompt>[0]) => consentPrompt(state).choices.map((c) => [c.action, c.consent]);
    expect(answers("asking")).toEqual([["grant", true], ["refuse", false]]);
    expect(answers("granted")).toEqual([["withdraw", false]]);
    expect(answers("refused")).toEqual([["grant", true]]);
    expect(answers("not-asked")).toEqual([["refuse", false]]);
    expect(consentPrompt("asking").text).toBe("consentAsk");
  });

  it("ConsentProblemKey_409WithAConsentType_ItsMessage_OtherwiseNone", () => {
    expect(consentProblemKey(409, { type: consentProblemTypes.consentRequired })).toBe("problemConsentRequired");
    expect(consentProblemKey(409, { type: consentProblemTypes.consentRefused })).toBe("problemConsentRefused");
    expect(consentProblemKey(409, { type: consentProblemTypes.interactionCompleted })).toBe("problemCallEnded");
    expect(consentProblemKey(409, { type: "https://tools.ietf.org/html/rfc9110#section-15.5.10" })).toBeUndefined();
    expect(consentProblemKey(409, undefined)).toBeUndefined();
    expect(consentProblemKey(400, { type: consentProblemTypes.consentRequired })).toBeUndefined();
  });

  it("NeedsReauthorization_OnlyAFailedJobWithASessionCode", () => {
    expect(needsReauthorization({ status: "failed", errorCode: "crm_authorization_revoked" })).toBe(true);
    expect(needsReauthorization({ status: "failed", errorCode: "crm_session_expired" })).toBe(true);
    expect(needsReauthorization({ status: "failed", errorCode: null })).toBe(false);
    expect(needsReauthorization({ status: "pending", errorCode: "crm_session_expired" })).toBe(false);
    expect(needsReauthorization({ status: "written" })).toBe(false);
    expect(needsReauthorization(undefined)).toBe(false);
  });
});
