namespace SalesCoach.Content.Ranking;

/// <summary>What a live interaction knows that helps pick content.</summary>
public sealed record ConversationContext(
    IReadOnlyList<string> Conversation, IReadOnlyList<string> Signals, string? Language, RecordContext? Record, string? RecordId = null);

/// <summary>
/// Looks up an interaction's conversation and detected signals, so a recommendation request can
/// name just an interactionId. Live coaching implements this; until then the default answers
/// "unknown interaction". Implementations must only return interactions of <paramref name="tenantId"/>.
/// </summary>
public interface IConversationContextSource
{
    Task<ConversationContext?> FindAsync(string tenantId, string interactionId, CancellationToken cancellationToken = default);
}

public sealed class NoConversationContextSource : IConversationContextSource
{
    public Task<ConversationContext?> FindAsync(string tenantId, string interactionId, CancellationToken cancellationToken = default) =>
        Task.FromResult<ConversationContext?>(null);
}
