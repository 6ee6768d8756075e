/*
*This is auto generated from the ControlManifest.Input.xml file
*/

// Define IInputs and IOutputs Type. They should match with ControlManifest.
export interface IInputs {
    coachingNotes: ComponentFramework.PropertyTypes.StringProperty;
    backendUrl: ComponentFramework.PropertyTypes.StringProperty;
    entraClientId: ComponentFramework.PropertyTypes.StringProperty;
    entraTenantId: ComponentFramework.PropertyTypes.StringProperty;
    apiScope: ComponentFramework.PropertyTypes.StringProperty;
    autoStart: ComponentFramework.PropertyTypes.TwoOptionsProperty;
}
export interface IOutputs {
    coachingNotes?: string;
}
