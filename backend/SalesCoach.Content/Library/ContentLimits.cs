namespace SalesCoach.Content.Library;

/// <summary>Sizes and counts every entry point (API, import, CLI, seed) enforces before anything is written.</summary>
public static class ContentLimits
{
    public const int ExternalIdLength = 200;
    public const int TitleLength = 300;
    public const int SummaryLength = 2_000;
    public const int BodyLength = 200_000;
    public const int UrlLength = 2_000;
    public const int ListCount = 50;
    public const int ListItemLength = 100;
    public const int PageSize = 50;
}
