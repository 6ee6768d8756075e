using System.Text.RegularExpressions;
using static SalesCoach.Content.Tests.Evaluation.EvaluationVocabulary;

namespace SalesCoach.Content.Tests.Evaluation;

public sealed partial class LibrarySchemaTests
{
    private static readonly IReadOnlyList<EvaluationItem> Library = EvaluationSetReader.ReadLibrary();

    [Fact]
    public void ReadLibrary_EveryLine_HasAllRequiredFields()
    {
        Assert.All(Library, item =>
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Title), item.ExternalId);
            Assert.False(string.IsNullOrWhiteSpace(item.Summary), item.ExternalId);
            Assert.False(string.IsNullOrWhiteSpace(item.Body), item.ExternalId);
            Assert.True(Uri.TryCreate(item.Url, UriKind.Absolute, out var url) && url.Scheme == "https", item.ExternalId);
            Assert.NotEmpty(item.Products);
            Assert.NotEmpty(item.Stages);
            Assert.NotEmpty(item.Personas);
        });
    }

    [Fact]
    public void ReadLibrary_ExternalIds_AreUniqueAndCarryTheirTypeCode()
    {
        Assert.Equal(Library.Count, Library.Select(i => i.ExternalId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Library, item =>
        {
            Assert.Matches(IdPattern(), item.ExternalId);
            Assert.Contains(item.Type, Types);
            Assert.StartsWith(IdPrefixByType[item.Type] + "-", item.ExternalId, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void ReadLibrary_Metadata_UsesTheDocumentedVocabulary()
    {
        Assert.All(Library, item =>
        {
            Assert.Contains(item.Language, Languages);
            Assert.All(item.Industries, x => Assert.Contains(x, Industries));
            Assert.All(item.Products, x => Assert.Contains(x, Products));
            Assert.All(item.Stages, x => Assert.Contains(x, Stages));
            Assert.All(item.Personas, x => Assert.Contains(x, Personas));
            Assert.All(item.Competitors, x => Assert.False(string.IsNullOrWhiteSpace(x)));
            Assert.All(item.Tags, x => Assert.False(string.IsNullOrWhiteSpace(x)));
        });
    }

    [Fact]
    public void ReadLibrary_Bodies_AreRealContentOfTheBriefedLength()
    {
        Assert.All(Library, item =>
        {
            // Mandarin has no spaces between words: measure in Han characters (about two per word).
            var length = item.Language == "zh"
                ? item.Body.Count(c => c is >= '\u4e00' and <= '\u9fff')
                : item.Body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            var (min, max) = item.Language == "zh" ? (160, 800) : (80, 400);
            Assert.InRange(length, min, max);
        });
    }

    [Fact]
    public void ReadLibrary_Mandarin_IsSimplifiedChinese()
    {
        // Traditional-only forms of characters the library uses often; none may appear.
        const string TraditionalOnly = "銷預測導對話戶據銷實";
        Assert.All(Library.Where(i => i.Language == "zh"), item =>
            Assert.DoesNotContain(item.Body + item.Title, c => TraditionalOnly.Contains(c, StringComparison.Ordinal)));
    }

    [Fact]
    public void ReadLibrary_Counts_MeetTheMinimums()
    {
        Assert.True(Library.Count >= 100, $"{Library.Count} items");
        Assert.Equal(Languages.Order(), Library.Select(i => i.Language).Distinct().Order());
        Assert.Equal(Types.Order(), Library.Select(i => i.Type).Distinct().Order());
        Assert.Equal(Industries.Order(), Library.SelectMany(i => i.Industries).Distinct().Order());
        Assert.All(Languages, language => Assert.True(Library.Count(i => i.Language == language) >= 10, language));
        Assert.True(Library.Count(i => i.Language == "en") > Library.Count / 2);
    }

    [Fact]
    public void ReadLibrary_ArchivedDistractors_AreMarkedInTitleAndTags()
    {
        var archived = Library.Where(i => i.Tags.Contains("archived")).ToList();
        Assert.True(archived.Count >= 3);
        Assert.All(archived, item => Assert.Contains("ARCHIVED", item.Title, StringComparison.Ordinal));
    }

    [GeneratedRegex("^[a-z]{2}-[0-9]{3}$")]
    private static partial Regex IdPattern();
}
