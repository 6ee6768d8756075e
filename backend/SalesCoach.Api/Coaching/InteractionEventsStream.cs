using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesCoach.Api.Auth;
using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Api.Coaching;

/// <summary>
/// <c>GET /api/v1/interactions/{id}/events</c>: the event log after <c>Last-Event-ID</c>, then live
/// events. The subscription opens before the log is read, so an event committed in between
/// arrives twice and is dropped by id; a gap in live ids (a replica's publish lost, or this
/// subscriber cut off) is filled from the log. Nothing committed is ever skipped.
/// </summary>
internal static class InteractionEventsStream
{
    private const int PageSize = 500;

    public static async Task<Results<ServerSentEventsResult<string>, NoContent, NotFound, ValidationProblem>> OpenAsync(
        string id, HttpContext context, InteractionStore store, IInteractionEventBus bus, CancellationToken cancellationToken)
    {
        var tenantId = context.GetCaller().RequireTenant();
        var header = context.Request.Headers["Last-Event-ID"].ToString();
        if (header.Length == 0)
        {
            header = context.Request.Query["lastEventId"].ToString();
        }

        var lastEventId = 0L;
        if (header.Length > 0 && (!long.TryParse(header, out lastEventId) || lastEventId < 0))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["Last-Event-ID"] = ["Must be a non-negative event id."] });
        }

        var interaction = await store.FindAsync(tenantId, id, cancellationToken);
        if (interaction is null)
        {
            return TypedResults.NotFound();
        }

        if (interaction.Status == InteractionStatus.Completed &&
            (await store.ReadEventsAsync(tenantId, id, lastEventId, 1, cancellationToken)).Count == 0)
        {
            // 204 tells an EventSource to stop reconnecting: a completed interaction has nothing more to say.
            return TypedResults.NoContent();
        }

        // The formatter writes each event by itself; gathered under this body, they leave when no further event is ready.
        var body = new DeferredFlushStream(context.Response.BodyWriter);
        context.Response.Body = body;
        return TypedResults.ServerSentEvents(StreamAsync(context, body, tenantId, id, lastEventId, store, bus, context.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        HttpContext context, DeferredFlushStream body, string tenantId, string id, long lastEventId, InteractionStore store,
        IInteractionEventBus bus, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = await bus.SubscribeAsync(tenantId, id, cancellationToken);
        // The result has set the SSE headers by now; send them so the client knows the stream is open before the first event.
        await context.Response.StartAsync(cancellationToken);
        await body.SendAsync(cancellationToken);
        // Checked after subscribing: a completion that happens from here on reaches us as an event.
        var completed = (await store.FindAsync(tenantId, id, cancellationToken))?.Status != InteractionStatus.Live;

        await foreach (var e in ReadLogAsync(store, tenantId, id, lastEventId, long.MaxValue, cancellationToken))
        {
            lastEventId = e.Id;
            yield return ToItem(e);
            await body.SendIfLargeAsync(cancellationToken);
        }

        if (completed)
        {
            yield break;
        }

        while (true)
        {
            if (!subscription.Events.TryRead(out var e))
            {
                // Nothing more is ready: send what has been written (the log, or this append's events) before waiting.
                await body.SendAsync(cancellationToken);
                if (!await subscription.Events.WaitToReadAsync(cancellationToken))
                {
                    yield break;
                }

                continue;
            }

            if (e.Type == InteractionEventTypes.Completed)
            {
                // Anything committed before completion is in the log; drain it, then end the stream.
                await foreach (var rest in ReadLogAsync(store, tenantId, id, lastEventId, long.MaxValue, cancellationToken))
                {
                    lastEventId = rest.Id;
                    yield return ToItem(rest);
                    await body.SendIfLargeAsync(cancellationToken);
                }

                yield break;
            }

            if (e.Type == InteractionEventTypes.Changed || e.Id <= lastEventId)
            {
                // A change notice is for replicas' live state, not for clients.
                continue;
            }

            if (e.Id > lastEventId + 1)
            {
                await foreach (var missed in ReadLogAsync(store, tenantId, id, lastEventId, e.Id, cancellationToken))
                {
                    lastEventId = missed.Id;
                    yield return ToItem(missed);
                }
            }

            lastEventId = e.Id;
            yield return ToItem(e);
        }
    }

    private static async IAsyncEnumerable<InteractionEvent> ReadLogAsync(
        InteractionStore store, string tenantId, string id, long afterId, long beforeId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await store.ReadEventsAsync(tenantId, id, afterId, PageSize, cancellationToken);
            foreach (var e in page)
            {
                if (e.Id >= beforeId)
                {
                    yield break;
                }

                afterId = e.Id;
                yield return e;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }
        }
    }

    private static SseItem<string> ToItem(InteractionEvent e) =>
        new(e.Data, e.Type) { EventId = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
