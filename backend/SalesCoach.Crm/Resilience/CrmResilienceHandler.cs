using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace SalesCoach.Crm.Resilience;

/// <summary>
/// The single resilience layer of a CRM client (outermost handler; the auth handler sits inside it so every
/// attempt carries a fresh token). Breaker and timeout rejections surface as <see cref="CrmException"/>.
/// </summary>
public sealed class CrmResilienceHandler(CrmResiliencePipelines pipelines, string crm) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CrmResiliencePipelines.RetrySafe, CrmRequest.IsRetrySafe(request));
        try
        {
            return await pipelines.Get(crm).ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, ctx.CancellationToken)),
                context,
                (Handler: this, Request: request));
        }
        catch (BrokenCircuitException e)
        {
            throw new CrmException(crm, CrmErrorKind.Unavailable, null, "circuit_open",
                "The CRM failed repeatedly; calls are paused for a short while.", e.RetryAfter, inner: e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new CrmException(crm, CrmErrorKind.Unavailable, null, "timeout", $"The CRM did not answer within {e.Timeout}.", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new CrmException(crm, CrmErrorKind.Unavailable, null, "network", "The CRM could not be reached.", inner: e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
