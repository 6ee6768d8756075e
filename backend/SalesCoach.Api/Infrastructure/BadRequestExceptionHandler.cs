using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace SalesCoach.Api.Infrastructure;

/// <summary>
/// Turns request-reading failures (malformed JSON, wrong types, oversized bodies) into a
/// problem details answer with the framework's status code, instead of a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Invalid request",
                Detail = Describe(bad),
            },
        });
    }

    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        // The JSON reader's own message names the path and position without echoing the body.
        JsonException json => $"The body is not valid JSON for this endpoint: {json.Message}",
        _ => bad.Message,
    };
}
