using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Client;

namespace SalesCoach.Crm.Tests.Fakes;

/// <summary>
/// The Entra v2.0 token endpoint (<c>POST /{tenant}/oauth2/v2.0/token</c>, client credentials) over HTTPS on
/// 127.0.0.1 with a throw-away self-signed certificate, because MSAL only talks to https authorities. MSAL is
/// given an HttpClient that trusts exactly that certificate.
/// </summary>
public sealed class FakeEntraTokenEndpoint : IAsyncDisposable, IMsalHttpClientFactory
{
    private readonly X509Certificate2 _certificate = CreateCertificate();
    private readonly HttpClient _msalHttp;
    private WebApplication? _app;
    private int _issued;

    public FakeEntraTokenEndpoint()
    {
        var thumbprint = _certificate.Thumbprint;
        _msalHttp = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint });
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every request: path and form fields (the secret included, so tests can check it was sent).</summary>
    public ConcurrentQueue<(string Path, IReadOnlyDictionary<string, string> Form)> Requests { get; } = new();

    public string TokenFor(string tenant, int n) => $"token-{tenant}-{n}";

    public HttpClient GetHttpClient() => _msalHttp;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
        _app = builder.Build();
        _app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpRequest request) =>
        {
            var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
            Requests.Enqueue((request.Path, form));
            if (form.GetValueOrDefault("grant_type") != "client_credentials" || form.GetValueOrDefault("client_secret") != "s3cret")
            {
                return Results.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401);
            }

            return Results.Json(new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = TokenFor(tenant, Interlocked.Increment(ref _issued)) });
        });
        _app.Map("/{**rest}", (HttpRequest request) =>
        {
            Requests.Enqueue((request.Path, new Dictionary<string, string>()));
            return Results.NotFound();
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _msalHttp.Dispose();
        _certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the private key in a form it can load on Linux: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
