using SalesCoach.Storage.Texts;

namespace SalesCoach.Storage.Tests.Texts;

public sealed class TextsByLanguageTests
{
    private static readonly TextsByLanguage<string> Greetings = new(new() { ["en"] = "Hello", ["fr"] = "Bonjour", ["zh"] = "你好" });

    [Theory]
    [InlineData("fr", "Bonjour")]
    [InlineData("FR", "Bonjour")]
    [InlineData("fr-CA", "Bonjour")]
    [InlineData("zh_CN", "你好")]
    [InlineData("zh-Hans-CN", "你好")]
    [InlineData("en-GB", "Hello")]
    [InlineData("de", "Hello")]
    [InlineData("", "Hello")]
    [InlineData(null, "Hello")]
    public void For_Language_ThatLanguageElseEnglish(string? language, string expected) =>
        Assert.Equal(expected, Greetings.For(language));

    [Fact]
    public void New_WithoutEnglish_Throws() =>
        Assert.Throws<ArgumentException>(() => new TextsByLanguage<string>(new() { ["fr"] = "Bonjour" }));

    [Fact]
    public void Create_KeepsCodeTextAndParameters()
    {
        var plain = LocalizedText.Create("no_next_step", "No next step was agreed.");
        var counted = LocalizedText.Create("objections", "2 objections", ("count", "2"), ("labels", "objection_price"));

        Assert.Equal(("no_next_step", "No next step was agreed.", 0), (plain.Code, plain.Text, plain.Params.Count));
        Assert.Equal(new Dictionary<string, string> { ["count"] = "2", ["labels"] = "objection_price" }, counted.Params);
    }
}
