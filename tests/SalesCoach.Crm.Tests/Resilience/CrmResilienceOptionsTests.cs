using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesCoach.Crm.Resilience;

namespace SalesCoach.Crm.Tests.Resilience;

public sealed class CrmResilienceOptionsTests
{
    [Theory]
    [InlineData("Crm:Salesforce:Resilience:MaxRetryAttempts", "50")]
    [InlineData("Crm:HubSpot:Resilience:BreakerFailureRatio", "0")]
    [InlineData("Crm:Dataverse:Resilience:TotalTimeout", "02:00:00")]
    [InlineData("Crm:Salesforce:ApiVersion", "62")]
    public async Task StartupValidation_OutOfRange_Fails(string key, string value)
    {
        await using var services = CrmTestHost.Create(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key.Split(':').Last(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartupValidation_DataverseEnabledWithoutSecret_Fails()
    {
        await using var services = CrmTestHost.Create(new Dictionary<string, string?> { ["Crm:Dataverse:Enabled"] = "true", ["Crm:Dataverse:ClientId"] = "app" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ClientSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartupValidation_Defaults_Pass()
    {
        await using var services = CrmTestHost.Create();

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void From_DeltaSecondsAndDateAndPast_GiveTheWait()
    {
        var now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.From(RetryConditionHeaderValue.Parse("7"), now));
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.From(RetryConditionHeaderValue.Parse("Fri, 20 Nov 2026 12:01:30 GMT"), now));
        Assert.Equal(TimeSpan.Zero, RetryAfter.From(RetryConditionHeaderValue.Parse("Fri, 20 Nov 2026 11:00:00 GMT"), now));
        Assert.Null(RetryAfter.From((RetryConditionHeaderValue?)null, now));
    }

    [Theory]
    [InlineData("GET", false, true)]
    [InlineData("PATCH", false, true)]
    [InlineData("PUT", false, true)]
    [InlineData("DELETE", false, true)]
    [InlineData("POST", false, false)]
    [InlineData("POST", true, true)]
    public void IsRetrySafe_ByMethodAndMarker(string method, bool marked, bool expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "http://127.0.0.1/");
        if (marked)
        {
            request.MarkIdempotent();
        }

        Assert.Equal(expected, CrmRequest.IsRetrySafe(request));
    }
}
