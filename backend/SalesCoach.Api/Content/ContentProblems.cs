using Microsoft.AspNetCore.Http.HttpResults;

namespace SalesCoach.Api.Content;

/// <summary>Problem results (application/problem+json) for the content routes' non-validation errors.</summary>
internal static class ContentProblems
{
    public static ProblemHttpResult DuplicateExternalId(string? externalId) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "Duplicate externalId", detail: $"Another item of this library already has externalId '{externalId}'.");

    public static ProblemHttpResult NotFound(string what) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {what} with that id in this tenant's library.");
}
