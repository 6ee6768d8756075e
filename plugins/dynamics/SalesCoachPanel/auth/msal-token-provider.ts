import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AuthenticationResult,
} from "@azure/msal-browser";

export interface EntraSettings {
  clientId: string;
  tenantId: string;
  scope: string;
}

/**
 * Entra ID access tokens for the SalesCoach backend, single sign-on with the user's
 * Dynamics session: silent first (cached token, then ssoSilent in a hidden frame), a popup
 * only when Entra insists on interaction. Created lazily so hosts that inject their own
 * token never load MSAL's state.
 */
export class MsalTokenProvider {
  private app: PublicClientApplication | undefined;
  private ready: Promise<void> | undefined;

  constructor(private readonly settings: EntraSettings) {}

  async getToken(): Promise<string> {
    const app = await this.client();
    const scopes = [this.settings.scope];
    const account = app.getAllAccounts()[0];
    let result: AuthenticationResult;
    try {
      result = account ? await app.acquireTokenSilent({ scopes, account }) : await app.ssoSilent({ scopes });
    } catch (error) {
      if (!(error instanceof InteractionRequiredAuthError)) throw error;
      result = await app.acquireTokenPopup({ scopes });
    }
    return result.accessToken;
  }

  private async client(): Promise<PublicClientApplication> {
    if (!this.app) {
      this.app = new PublicClientApplication({
        auth: {
          clientId: this.settings.clientId,
          authority: `https://login.microsoftonline.com/${this.settings.tenantId || "organizations"}`,
          redirectUri: window.location.origin,
        },
        // Session storage: tokens never outlive the browser tab and are not shared with other tabs' origins.
        cache: { cacheLocation: "sessionStorage" },
      });
      this.ready = this.app.initialize();
    }
    await this.ready;
    return this.app;
  }
}
