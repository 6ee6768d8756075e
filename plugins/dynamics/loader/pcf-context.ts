import type { IInputs } from "../SalesCoachPanel/generated/ManifestTypes";

/** What a host (the sandbox page, the unit tests) knows about the form the control sits on. */
export interface HostSettings {
  apiBase: string;
  languageId: number;
  entityName: string;
  recordId: string;
  recordName?: string;
  userId?: string;
  userName?: string;
  autoStart?: boolean;
  notes?: string | null;
  webAPI?: ComponentFramework.WebApi;
  openUrl?: (url: string) => void;
  width?: number;
}

function stringProperty(raw: string | null): ComponentFramework.PropertyTypes.StringProperty {
  return {
    raw,
    formatted: raw ?? "",
    error: false,
    errorMessage: "",
    security: { editable: true, readable: true, secured: false },
    type: "SingleLine.Text",
    attributes: { DisplayName: "", LogicalName: "", RequiredLevel: 0, IsSecured: false, SourceType: 0, Description: "", MaxLength: 2000 },
  } as ComponentFramework.PropertyTypes.StringProperty;
}

function twoOptions(raw: boolean): ComponentFramework.PropertyTypes.TwoOptionsProperty {
  return { raw, formatted: String(raw), error: false, errorMessage: "", type: "TwoOptions" } as ComponentFramework.PropertyTypes.TwoOptionsProperty;
}

const emptyWebApi: ComponentFramework.WebApi = {
  createRecord: async () => ({ id: "", entityType: "" }) as ComponentFramework.LookupValue,
  deleteRecord: async () => ({ id: "", entityType: "" }) as ComponentFramework.LookupValue,
  updateRecord: async () => ({ id: "", entityType: "" }) as ComponentFramework.LookupValue,
  retrieveMultipleRecords: async () => ({ entities: [], nextLink: "" }),
  retrieveRecord: async () => ({}),
};

/**
 * A PCF context for a field control on a model-driven form, built to the
 * @types/powerapps-component-framework shapes the control reads. Areas the control never
 * touches (formatting, device, factory) are minimal.
 */
export function buildContext(settings: HostSettings, updatedProperties: string[] = []): ComponentFramework.Context<IInputs> {
  const width = settings.width ?? 480;
  const mode = {
    allocatedHeight: -1,
    allocatedWidth: width,
    isControlDisabled: false,
    isVisible: true,
    label: "SalesCoach",
    setControlState: () => true,
    setFullScreen: () => undefined,
    trackContainerResize: () => undefined,
    contextInfo: { entityId: settings.recordId, entityTypeName: settings.entityName, entityRecordName: settings.recordName ?? "" },
  };
  const userSettings = {
    dateFormattingInfo: {} as ComponentFramework.UserSettingApi.DateFormattingInfo,
    isRTL: false,
    languageId: settings.languageId,
    numberFormattingInfo: {} as ComponentFramework.UserSettingApi.NumberFormattingInfo,
    securityRoles: [],
    userId: settings.userId ?? "{00000000-0000-0000-0000-000000000001}",
    userName: settings.userName ?? "Sandbox user",
    getTimeZoneOffsetMinutes: () => 0,
  } as ComponentFramework.UserSettings;
  const navigation = {
    openUrl: (url: string) => (settings.openUrl ? settings.openUrl(url) : void window.open(url, "_blank", "noopener,noreferrer")),
    openAlertDialog: async () => undefined,
    openConfirmDialog: async () => ({ confirmed: false }),
    openErrorDialog: async () => undefined,
    openFile: async () => undefined,
    openForm: async () => ({ savedEntityReference: [] }),
    openWebResource: () => undefined,
  } as unknown as ComponentFramework.Navigation;
  const parameters: IInputs = {
    coachingNotes: stringProperty(settings.notes ?? null),
    backendUrl: stringProperty(settings.apiBase),
    entraClientId: stringProperty(null),
    entraTenantId: stringProperty(null),
    apiScope: stringProperty(null),
    autoStart: twoOptions(settings.autoStart === true),
  };
  const context = {
    client: { disableScroll: false, getClient: () => "Web", getFormFactor: () => 1, isOffline: () => false, isNetworkAvailable: () => true },
    device: {},
    factory: { requestRender: () => undefined, getPopupService: () => ({}) },
    formatting: {},
    mode,
    navigation,
    resources: { getString: (id: string) => id, getResource: () => undefined },
    userSettings,
    utils: {
      getEntityMetadata: async () => ({}),
      hasEntityPrivilege: () => true,
      lookupObjects: async () => [],
    },
    webAPI: settings.webAPI ?? emptyWebApi,
    parameters,
    updatedProperties,
    events: {},
    copilot: {},
  };
  return context as unknown as ComponentFramework.Context<IInputs>;
}
