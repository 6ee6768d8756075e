using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace SalesCoach.Crm.Resilience;

/// <summary>
/// One pipeline per CRM client, built once so its circuit breaker state is shared by every request of that
/// client: total timeout, then retry (jitter, Retry-After, only when the request may repeat), then the breaker,
/// then the per-attempt timeout.
/// </summary>
public sealed class CrmResiliencePipelines(IOptionsMonitor<CrmResilienceOptions> options, TimeProvider time)
{
    internal static readonly ResiliencePropertyKey<bool> RetrySafe = new("SalesCoach.Crm.RetrySafe");

    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpResponseMessage>> _pipelines = new(StringComparer.Ordinal);

    public ResiliencePipeline<HttpResponseMessage> Get(string crm) => _pipelines.GetOrAdd(crm, Build);

    private ResiliencePipeline<HttpResponseMessage> Build(string crm)
    {
        var o = options.Get(crm);
        return new ResiliencePipelineBuilder<HttpResponseMessage> { Name = crm, TimeProvider = time }
            .AddTimeout(o.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, o.MaxRetryAttempts),
                Delay = o.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    o.MaxRetryAttempts > 0
                    && args.Context.Properties.GetValue(RetrySafe, false)
                    && IsTransient(args.Outcome)
                    && WaitIsAcceptable(args.Outcome.Result, o.MaxRetryAfter)),
                // A vendor's Retry-After wins over our own back-off; null falls back to exponential + jitter.
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.From(args.Outcome.Result, time.GetUtcNow())),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = o.BreakerFailureRatio,
                MinimumThroughput = o.BreakerMinimumThroughput,
                SamplingDuration = o.BreakerSamplingDuration,
                BreakDuration = o.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddTimeout(o.AttemptTimeout)
            .Build();
    }

    /// <summary>Throttling, gateway trouble and network failures; never a 4xx that would fail again the same way.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout,
        _ => false,
    };

    private bool WaitIsAcceptable(HttpResponseMessage? response, TimeSpan maxRetryAfter) =>
        RetryAfter.From(response, time.GetUtcNow()) is not { } wait || wait <= maxRetryAfter;
}
