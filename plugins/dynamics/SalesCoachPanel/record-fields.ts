/**
 * Reads what the recommendations rank on from the record through context.webAPI, as the
 * signed-in user. Only tables whose columns are known are read; others add nothing.
 */
export async function recommendationContext(
  webAPI: ComponentFramework.WebApi,
  entityName: string,
  recordId: string,
): Promise<Record<string, unknown>> {
  if (entityName !== "opportunity") return {};
  const record = await webAPI.retrieveRecord(entityName, recordId, "?$select=name,stepname");
  const stage = typeof record.stepname === "string" && record.stepname ? record.stepname : undefined;
  return stage ? { stage } : {};
}
