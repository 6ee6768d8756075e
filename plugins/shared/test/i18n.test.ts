import { describe, expect, it } from "vitest";
import { languages, resolveLanguage, stringKeys, translator, type StringKey } from "../src/i18n";

describe("resolveLanguage", () => {
  it.each([
    ["fr-FR", "fr"], ["zh_CN", "zh"], ["zh-Hans", "zh"], ["en_US", "en"], ["ES", "es"], ["de", "de"],
    [1036, "fr"], [3082, "es"], [1031, "de"], [2052, "zh"], [1033, "en"], ["1031", "de"],
    ["ja-JP", "en"], [1041, "en"], ["", "en"], [undefined, "en"], [null, "en"],
  ] as const)("ResolveLanguage_%s_%s", (input, expected) => {
    expect(resolveLanguage(input)).toBe(expected);
  });
});

// What a rep reads about consent and about a summary that could not be saved: never left in English.
const consentKeys: StringKey[] = [
  "statusConsent", "statusDeclined", "consentAsk", "consentGrant", "consentRefuse", "consentGranted", "consentWithdraw",
  "consentRefused", "consentGrantNow", "consentNotRequired", "consentObjects", "problemConsentRequired", "problemConsentRefused",
  "problemCallEnded", "writeBackReauthorize",
];

describe("translator", () => {
  it("Translator_EveryLanguage_HasEveryKeyTranslated", () => {
    const english = translator("en");
    for (const language of languages) {
      const t = translator(language);
      for (const key of stringKeys) expect(t(key).trim(), `${language}.${key}`).not.toBe("");
      expect(stringKeys.length).toBeGreaterThan(40);
    }
    expect(english("title")).toBe("Sales coach");
    expect(translator("de")("title")).toBe("Vertriebscoach");
    expect(translator("zh")("start")).toBe("开始辅导");
  });

  it("Translator_ConsentStrings_DistinctWithinEachLanguage", () => {
    for (const language of languages) {
      const t = translator(language);
      // Each button and each state reads differently, or the rep could not tell them apart.
      expect(new Set(consentKeys.map((key) => t(key))).size, language).toBe(consentKeys.length);
    }
  });

  it("Translator_Placeholders_Replaced", () => {
    expect(translator("fr")("talkRatioLabel", { rep: 60, customer: 40 })).toBe("Commercial 60 %, client 40 %");
  });

  it("Translator_NonEnglish_DiffersFromEnglishForUiLabels", () => {
    const en = translator("en");
    for (const language of languages.filter((l) => l !== "en")) {
      const t = translator(language);
      for (const key of ["start", "end", "tipsHeading", "contentHeading", "helpful", "open", ...consentKeys] as StringKey[]) {
        expect(t(key), `${language}.${key}`).not.toBe(en(key));
      }
    }
  });
});
