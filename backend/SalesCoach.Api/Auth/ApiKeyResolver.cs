using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Auth;

/// <summary>The operator key from configuration, and tenants' API keys (looked up by hash).</summary>
internal sealed class ApiKeyResolver(IOptions<OperatorOptions> operatorOptions, TenantStore tenants) : ICredentialResolver
{
    private readonly byte[] _operatorKey = Encoding.UTF8.GetBytes(operatorOptions.Value.ApiKey);

    public bool Recognizes(string credential) => true;

    public async ValueTask<Caller?> ResolveAsync(string credential, CancellationToken cancellationToken)
    {
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credential), _operatorKey))
        {
            return new Caller(null, "operator", Roles.Operator, "operator_key");
        }

        if (!credential.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var key = await tenants.FindByApiKeyAsync(credential, cancellationToken);
        return key is null ? null : new Caller(key.TenantId, $"apikey:{key.KeyId}", key.Role, "api_key");
    }
}
