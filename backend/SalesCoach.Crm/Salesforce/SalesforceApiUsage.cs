using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SalesCoach.Crm.Salesforce;

/// <summary>The last <c>Sforce-Limit-Info: api-usage=N/M</c> each org reported; warns when an org nears its daily cap.</summary>
public sealed class SalesforceApiUsage(IOptions<SalesforceOptions> options, ILogger<SalesforceApiUsage> logger)
{
    private readonly ConcurrentDictionary<string, ApiUsage> _last = new(StringComparer.OrdinalIgnoreCase);

    public ApiUsage? Last(Uri instanceUrl) => _last.TryGetValue(instanceUrl.Host, out var usage) ? usage : null;

    public void Record(Uri instanceUrl, HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Sforce-Limit-Info", out var values) || Parse(string.Join(",", values)) is not { } usage)
        {
            return;
        }

        _last[instanceUrl.Host] = usage;
        if (usage.Ratio > options.Value.UsageWarningRatio)
        {
            logger.LogWarning("Salesforce org {Host} has used {Used} of {Max} daily API requests.", instanceUrl.Host, usage.Used, usage.Max);
        }
    }

    /// <summary>Reads <c>api-usage=N/M</c> from the header, which may list other limits too.</summary>
    public static ApiUsage? Parse(string header)
    {
        foreach (var part in header.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith("api-usage=", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var numbers = part["api-usage=".Length..].Split('/');
            if (numbers.Length == 2
                && long.TryParse(numbers[0], NumberStyles.None, CultureInfo.InvariantCulture, out var used)
                && long.TryParse(numbers[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0)
            {
                return new ApiUsage(used, max);
            }
        }

        return null;
    }
}

public sealed record ApiUsage(long Used, long Max)
{
    public double Ratio => (double)Used / Max;
}
