import type { RecordRef } from "@salescoach/shared";

/**
 * context.mode.contextInfo is not in the published PCF typings but model-driven apps
 * fill it for field controls on a form: the record's table and id.
 */
interface ContextInfo {
  entityId?: string;
  entityTypeName?: string;
  entityRecordName?: string;
}

export function recordOf(context: ComponentFramework.Context<unknown>): RecordRef | undefined {
  const info = (context.mode as ComponentFramework.Mode & { contextInfo?: ContextInfo }).contextInfo;
  const page = (context as unknown as { page?: { entityId?: string; entityTypeName?: string } }).page;
  const id = info?.entityId || page?.entityId;
  const type = info?.entityTypeName || page?.entityTypeName;
  if (!id || !type) return undefined;
  return { type, id: id.replace(/[{}]/g, "").toLowerCase(), name: info?.entityRecordName };
}
