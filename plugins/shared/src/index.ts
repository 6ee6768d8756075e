export { ApiClient, ApiError, type ApiClientOptions, type TokenProvider } from "./api-client";
export { EventStreamClient, type EventStreamOptions, type StreamStatus } from "./event-stream";
export { htmlLang, languages, resolveLanguage, stringKeys, translator, type Language, type StringKey, type Translate } from "./i18n";
export {
  consentProblemKey, consentProblemTypes, consentPrompt, consentStateOf, mayCoach, type ConsentAction, type ConsentChoice, type ConsentFacts,
  type ConsentState,
} from "./consent";
export { CoachPanel, mountCoachPanel, type CoachPanelOptions } from "./panel";
export { readMetrics, type ShownMetrics } from "./render/metrics";
export { SseParser, type SseMessage } from "./sse-parser";
export { needsReauthorization, reauthorizationCodes } from "./write-back";
export type * from "./types";
