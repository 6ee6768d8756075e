using System.Text.Json;
using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Coaching.Messaging;

/// <summary>What travels between replicas: the events of one publish, with the ids they belong to.</summary>
internal sealed record EventMessage(string TenantId, string InteractionId, IReadOnlyList<EventMessage.Item> Events)
{
    internal sealed record Item(long Id, string Type, string Data);

    public static byte[] Serialize(string tenantId, string interactionId, IReadOnlyList<InteractionEvent> events) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new EventMessage(tenantId, interactionId, [.. events.Select(e => new Item(e.Id, e.Type, e.Data))]), CoachingJson.Options);

    /// <summary>The message, or null when it is not one of ours.</summary>
    public static EventMessage? TryParse(ReadOnlySpan<byte> body)
    {
        try
        {
            var message = JsonSerializer.Deserialize<EventMessage>(body, CoachingJson.Options);
            return message is { TenantId: not null, InteractionId: not null, Events: not null } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public IReadOnlyList<InteractionEvent> ToEvents() =>
        [.. Events.Select(e => new InteractionEvent(TenantId, InteractionId, e.Id, e.Type, e.Data))];
}
