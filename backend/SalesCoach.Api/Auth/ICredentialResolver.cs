namespace SalesCoach.Api.Auth;

/// <summary>
/// Turns one kind of bearer credential (API key, session token, Entra ID token) into a
/// caller. The authentication handler asks each resolver that recognises the credential's
/// shape; a recognised but invalid credential is a failed sign-in, never a fall-through.
/// </summary>
public interface ICredentialResolver
{
    bool Recognizes(string credential);

    ValueTask<Caller?> ResolveAsync(string credential, CancellationToken cancellationToken);
}
