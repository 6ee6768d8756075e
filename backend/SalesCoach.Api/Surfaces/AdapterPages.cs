using System.Net;
using System.Text;

namespace SalesCoach.Api.Surfaces;

/// <summary>The HTML shells the backend serves inside CRM frames, and the pages that explain a refusal.</summary>
public static class AdapterPages
{
    /// <summary>A result that writes <paramref name="html"/> with the frame policy for <paramref name="frameAncestors"/>.</summary>
    public static IResult Html(int statusCode, string html, IEnumerable<string> frameAncestors) => new HtmlResult(statusCode, html, frameAncestors);

    /// <summary>A short page for people (admins setting up, reps seeing an error), in plain HTML with no script.</summary>
    public static string Message(string title, string body, string? detail = null)
    {
        var builder = new StringBuilder();
        builder.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>SalesCoach: ").Append(WebUtility.HtmlEncode(title)).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"/surfaces/message.css\"></head><body><main class=\"message\">")
            .Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>")
            .Append("<p>").Append(WebUtility.HtmlEncode(body)).Append("</p>");
        if (detail is not null)
        {
            builder.Append("<pre>").Append(WebUtility.HtmlEncode(detail)).Append("</pre>");
        }

        return builder.Append("</main></body></html>").ToString();
    }

    private sealed class HtmlResult(int statusCode, string html, IEnumerable<string> frameAncestors) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => statusCode;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            FramePolicy.Apply(httpContext.Response, frameAncestors);
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            await httpContext.Response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
