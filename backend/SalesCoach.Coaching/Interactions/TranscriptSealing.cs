using SalesCoach.Storage.Encryption;

namespace SalesCoach.Coaching.Interactions;

/// <summary>
/// Transcript text at rest: sealed with the <see cref="FieldProtector"/> (AES-256-GCM, tenant id as associated data)
/// when written, opened when read, so every API answer is the same as before.
/// <para>
/// Sealed: <c>coaching_segments.text</c> (the redacted words) and <c>coaching_summaries.body</c> as a whole. The summary
/// quotes utterances (signals, objections, next steps) and may quote more as it grows; it is only ever read whole, so
/// sealing all of it costs one decryption per read and leaves nothing quoted in clear by a future field.
/// </para>
/// <para>
/// Left clear, because they hold no spoken words: segment speaker, times and <c>signals</c> (labels from a fixed set with
/// scores; they reveal what the tip kinds already reveal), <c>coaching_tips</c> (kind, seq, and a body built from the
/// playbook's own wording, see <c>TipEngine.Build</c>), <c>coaching_events.data</c> (those tip bodies, conversation
/// metrics as numbers, content recommendations from the tenant's library, <c>{}</c>). Someone holding the database file
/// learns from them that a call had, say, a price objection at segment 4 and a 70 % rep talk share, not what anyone said.
/// Keeping them clear keeps the SSE replay and the HubSpot poll free of per-event decryption and <c>kind</c> usable in
/// analytics SQL. An event type that quotes transcript text must seal that text (a test scans every coaching table).
/// </para>
/// <para>
/// Rows written before sealing (clear text, not in the sealed shape) still read as they are; they stay clear until the
/// interaction is deleted. No schema change: the columns were TEXT and stay TEXT.
/// </para>
/// </summary>
public static class TranscriptSealing
{
    public static string SealTranscript(this FieldProtector protector, string text, string tenantId) =>
        protector.Protect(text, tenantId);

    /// <summary>
    /// Opens a sealed value; a legacy clear value comes back unchanged. A sealed value of another tenant (or tampered,
    /// or sealed with a key no longer configured) throws <see cref="System.Security.Cryptography.CryptographicException"/>.
    /// </summary>
    public static string OpenTranscript(this FieldProtector protector, string stored, string tenantId) =>
        FieldProtector.IsSealed(stored) ? protector.Unprotect(stored, tenantId) : stored;
}
