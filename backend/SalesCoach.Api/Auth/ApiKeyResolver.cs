using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SalesCoach.Storage.Tenants;

namespace SalesCoach.Api.Auth;

/// <summary>The operator key from configuration, and tenants' API keys (looked up by hash).</summary>
internal sealed class ApiKeyResolver(IOptions<OperatorOptions> operatorOptions, TenantStore tenants, ApiKeyCache cache) : ICredentialResolver
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

        var hash = ApiKeys.Hash(credential);
        if (!cache.TryGet(hash, out var key))
        {
            var found = await tenants.FindByApiKeyAsync(credential, cancellationToken);
            if (found is null)
            {
                return null;
            }

            cache.Add(hash, key = found);
        }

        return new Caller(key.TenantId, $"apikey:{key.KeyId}", key.Role, "api_key");
    }
}
