using Microsoft.AspNetCore.Mvc;

namespace SalesCoach.Api.Content;

internal static class ContentProblems
{
    public static ProblemDetails DuplicateExternalId(string? externalId) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Duplicate externalId",
        Detail = $"Another item of this library already has externalId '{externalId}'.",
    };

    public static ProblemDetails NotFound(string what) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Not found",
        Detail = $"No {what} with that id in this tenant's library.",
    };
}
