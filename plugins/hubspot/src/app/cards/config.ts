/**
 * Origin of the SalesCoach backend. It must also be listed in app-hsmeta.json
 * permittedUrls.fetch; replace both when installing (README.md, step 2).
 */
export const backendOrigin = "https://your-backend.example.com";

/** hubspot.fetch cannot stream server-sent events, so the card polls. */
export const pollIntervalMs = 2000;
