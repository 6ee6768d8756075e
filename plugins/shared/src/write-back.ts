import { ApiError, type ApiClient } from "./api-client";
import type { WriteBackJob } from "./types";

/** Why a write-back failed, when only the rep can clear it: by opening the CRM app again, which stores a fresh session. */
export const reauthorizationCodes: readonly string[] = ["crm_authorization_revoked", "crm_session_expired"];

export function needsReauthorization(job: WriteBackJob | undefined): boolean {
  return job?.status === "failed" && typeof job.errorCode === "string" && reauthorizationCodes.includes(job.errorCode);
}

/** The job usually runs within a second of the completion; a CRM that asks to wait can take minutes, which is not watched. */
export const writeBackWaitsMs: readonly number[] = [1000, 2000, 3000, 5000, 8000, 13000, 20000, 30000];

/**
 * Reads the after-call write-back job until it is no longer pending: the finished job, or undefined when the waits ran out,
 * `stopped()` turned true, or it could not be read.
 */
export async function settledWriteBack(
  api: ApiClient, interactionId: string, wait: (ms: number) => Promise<void>, stopped: () => boolean,
): Promise<WriteBackJob | undefined> {
  for (const ms of writeBackWaitsMs) {
    await wait(ms);
    if (stopped()) return undefined;
    try {
      const job = await api.writeBack(interactionId);
      if (job && job.status !== "pending") return job;
    } catch (error) {
      // 404: the job is not recorded yet (or never will be); anything else was retried already. Either way, look again later.
      if (!(error instanceof ApiError)) return undefined;
    }
  }
  return undefined;
}
