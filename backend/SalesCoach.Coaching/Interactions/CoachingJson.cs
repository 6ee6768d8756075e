using System.Text.Json;

namespace SalesCoach.Coaching.Interactions;

/// <summary>The API's JSON shape (camelCase) for what the library writes into events and stored bodies.</summary>
public static class CoachingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
