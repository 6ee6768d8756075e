using System.Net.Http.Headers;

namespace SalesCoach.Crm.Resilience;

/// <summary>Reads Retry-After in either form RFC 9110 allows: delta-seconds or an HTTP-date.</summary>
public static class RetryAfter
{
    public static TimeSpan? From(HttpResponseMessage? response, DateTimeOffset now) =>
        response is null ? null : From(response.Headers.RetryAfter, now);

    public static TimeSpan? From(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
