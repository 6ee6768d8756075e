using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SalesCoach.Crm.Tests.Fakes;

/// <summary>An injected misbehaviour: a status with an optional Retry-After value, and/or a real delay before answering.</summary>
public sealed record Fault(int Status = 0, string? RetryAfter = null, TimeSpan Delay = default);

public sealed record RecordedRequest(string Method, string PathAndQuery, string Body, string? Authorization);

/// <summary>
/// A vendor's API as a small Kestrel app on 127.0.0.1 and a free port. Every request is recorded; queued
/// faults are served first (one per request), then the bearer token is checked, then the vendor's routes answer.
/// </summary>
public abstract class FakeCrm : IAsyncDisposable
{
    private WebApplication? _app;

    public Uri BaseUri { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public ConcurrentQueue<Fault> Faults { get; } = new();

    /// <summary>Served to every request while set (after the queue is empty).</summary>
    public Fault? AlwaysFault { get; set; }

    public string AccessToken { get; set; } = "valid-token";

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public int Count(string method, string pathPrefix) =>
        Requests.Count(r => r.Method == method && r.PathAndQuery.StartsWith(pathPrefix, StringComparison.Ordinal));

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body,
                context.Request.Headers.Authorization.FirstOrDefault()));
            if ((Faults.TryDequeue(out var fault) ? fault : AlwaysFault) is { } f)
            {
                if (f.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(f.Delay, context.RequestAborted);
                }

                if (f.Status > 0)
                {
                    if (f.RetryAfter is not null)
                    {
                        context.Response.Headers.RetryAfter = f.RetryAfter;
                    }

                    await WriteErrorAsync(context, f.Status);
                    return;
                }
            }

            if (!IsAnonymous(context.Request) && context.Request.Headers.Authorization != $"Bearer {AccessToken}")
            {
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized);
                return;
            }

            await next(context);
        });
        Map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    /// <summary>An HTTP-date Retry-After this many seconds after the fake's clock.</summary>
    public string RetryAfterDate(int seconds) => Time.GetUtcNow().AddSeconds(seconds).ToString("R", CultureInfo.InvariantCulture);

    protected abstract void Map(WebApplication app);

    /// <summary>Routes the vendor serves without a bearer token (an OAuth token endpoint).</summary>
    protected virtual bool IsAnonymous(HttpRequest request) => false;

    /// <summary>The vendor's error document for a status (its own codes for 401, 404, 429, 503...).</summary>
    protected abstract Task WriteErrorAsync(HttpContext context, int status);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
