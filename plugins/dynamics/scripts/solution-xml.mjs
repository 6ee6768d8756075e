// The three solution-level XML files Dataverse reads on import (same shapes `pac solution` writes).
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export const solutionUniqueName = "SalesCoach";
export const publisher = { uniqueName: "SalesCoach", name: "SalesCoach", prefix: "sc", optionValuePrefix: 72410 };

export function solutionXml({ controlName, version }) {
  return `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2.0.0" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>${solutionUniqueName}</UniqueName>
    <LocalizedNames>
      <LocalizedName description="SalesCoach" languagecode="1033" />
    </LocalizedNames>
    <Descriptions>
      <Description description="SalesCoach live coaching panel (PCF control)" languagecode="1033" />
    </Descriptions>
    <Version>${esc(version)}</Version>
    <Managed>0</Managed>
    <Publisher>
      <UniqueName>${publisher.uniqueName}</UniqueName>
      <LocalizedNames>
        <LocalizedName description="${publisher.name}" languagecode="1033" />
      </LocalizedNames>
      <Descriptions>
        <Description description="${publisher.name}" languagecode="1033" />
      </Descriptions>
      <EMailAddress xsi:nil="true"></EMailAddress>
      <SupportingWebsiteUrl xsi:nil="true"></SupportingWebsiteUrl>
      <CustomizationPrefix>${publisher.prefix}</CustomizationPrefix>
      <CustomizationOptionValuePrefix>${publisher.optionValuePrefix}</CustomizationOptionValuePrefix>
      <Addresses />
    </Publisher>
    <RootComponents>
      <RootComponent type="66" schemaName="${esc(controlName)}" behavior="0" />
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
`;
}

export function customizationsXml({ controlName }) {
  return `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Entities />
  <Roles />
  <Workflows />
  <FieldSecurityProfiles />
  <Templates />
  <EntityMaps />
  <EntityRelationships />
  <OrganizationSettings />
  <optionsets />
  <CustomControls>
    <CustomControl>
      <Name>${esc(controlName)}</Name>
      <FileName>/Controls/${esc(controlName)}/ControlManifest.xml</FileName>
    </CustomControl>
  </CustomControls>
  <SolutionPluginAssemblies />
  <EntityDataProviders />
  <Languages>
    <Language>1033</Language>
  </Languages>
</ImportExportXml>
`;
}

export function contentTypesXml({ controlName }) {
  return `<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="xml" ContentType="text/xml" />
  <Default Extension="js" ContentType="application/octet-stream" />
  <Default Extension="css" ContentType="text/css" />
  <Default Extension="resx" ContentType="application/octet-stream" />
  <Override PartName="/Controls/${esc(controlName)}/ControlManifest.xml" ContentType="application/octet-stream" />
</Types>
`;
}
