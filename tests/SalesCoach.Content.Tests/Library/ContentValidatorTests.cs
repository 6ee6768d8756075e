using SalesCoach.Content.Library;

namespace SalesCoach.Content.Tests.Library;

public sealed class ContentValidatorTests
{
    private static readonly ContentDraft Valid = ContentNormalizer.Normalize(
        new ContentDraft(null, "Title", null, "Body", "https://example.com/a", "deck", "en", ["roi"], [], [], [], [], []));

    [Fact]
    public void Validate_ValidDraft_HasNoErrors() => Assert.Empty(ContentValidator.Validate(Valid));

    [Fact]
    public void Validate_EveryLimitBroken_NamesEveryField()
    {
        var draft = Valid with
        {
            Title = new string('x', ContentLimits.TitleLength + 1),
            Body = "",
            Url = "javascript:alert(1)",
            Type = "brochure",
            Language = "it",
            Tags = [.. Enumerable.Range(0, ContentLimits.ListCount + 1).Select(i => $"t{i}")],
            Competitors = [new string('c', ContentLimits.ListItemLength + 1)],
        };

        var errors = ContentValidator.Validate(draft);

        Assert.Equal(["body", "competitors", "language", "tags", "title", "type", "url"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
