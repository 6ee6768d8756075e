using SalesCoach.Content.Search;

namespace SalesCoach.Content.Tests.Search;

public sealed class TextAnalyzerTests
{
    [Fact]
    public void Tokens_Mandarin_SplitsIntoOverlappingBigrams()
    {
        Assert.Equal(["价格", "格太", "太贵"], TextAnalyzer.Tokens("价格太贵", "zh"));
    }

    [Fact]
    public void Tokens_MixedScript_KeepsLatinWordsWhole()
    {
        Assert.Equal(["gong", "对手"], TextAnalyzer.Tokens("Gong对手", "zh"));
    }

    [Theory]
    [InlineData("en", "prices", "price")]
    [InlineData("es", "precios", "precio")]
    [InlineData("fr", "intégrations", "integration")]
    [InlineData("de", "Preise", "Preis")]
    public void Tokens_InflectedForms_MeetTheirBase(string language, string inflected, string baseForm)
    {
        Assert.Equal(TextAnalyzer.Tokens(baseForm, language), TextAnalyzer.Tokens(inflected, language));
    }

    [Fact]
    public void Tokens_StopWordsAndAccents_AreDroppedAndFolded()
    {
        Assert.Equal(["securit", "donne"], TextAnalyzer.Tokens("la sécurité des données", "fr"));
    }

    [Fact]
    public void ForPostgres_HanRuns_BecomeSpaceSeparatedBigrams()
    {
        Assert.Equal("ROI 投资 资回 回报 ", TextAnalyzer.ForPostgres("ROI 投资回报"));
    }

    [Fact]
    public void Expand_PriceWordsInAnyLanguage_ShareOneConcept()
    {
        var concepts = new[] { ("precio", "es"), ("Preis", "de"), ("prix", "fr"), ("价格", "zh"), ("pricing", "en") }
            .Select(x => ConceptLexicon.Expand(TextAnalyzer.Tokens(x.Item1, x.Item2)).Last())
            .Distinct()
            .ToList();

        Assert.Equal(["~price"], concepts);
    }
}
