namespace SalesCoach.Coaching.Tests.Signals;

/// <summary>The checks behind SignalCorpusTests do catch the mistakes they are there for.</summary>
public sealed class CorpusChecksTests
{
    private static CorpusLine Line(string id, string text, string split = "train", string group = "en-g0001",
        string language = "en", params string[] labels) =>
        new(split, 1, id, text, labels, language, "customer", "saas", group, false, 1);

    [Fact]
    public void Read_MissingField_Throws()
    {
        const string raw = """{"id":"en-0001","text":"Too pricey for us.","labels":[],"language":"en","speaker":"rep","industry":"saas","group":"en-g0001"}""";
        var error = Assert.Throws<InvalidDataException>(() => CorpusFiles.Read("dev", [raw]).ToList());
        Assert.Contains("dev:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LabelsNotAList_Throws()
    {
        const string raw = """{"id":"en-0001","text":"Too pricey for us.","labels":"objection_price","language":"en","speaker":"customer","industry":"saas","group":"en-g0001","hard_negative":false,"batch":1}""";
        Assert.Throws<InvalidDataException>(() => CorpusFiles.Read("train", [raw]).ToList());
    }

    [Fact]
    public void Read_BatchOutOfRange_Throws()
    {
        const string raw = """{"id":"en-0001","text":"Too pricey for us.","labels":[],"language":"en","speaker":"customer","industry":"saas","group":"en-g0001","hard_negative":false,"batch":4}""";
        var error = Assert.Throws<InvalidDataException>(() => CorpusFiles.Read("train", [raw]).ToList());
        Assert.Contains("batch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidJson_Throws() =>
        Assert.ThrowsAny<Exception>(() => CorpusFiles.Read("train", ["{\"id\": "]).ToList());

    [Fact]
    public void SchemaProblems_UnknownLabelAndLanguage_AreReported()
    {
        var problems = CorpusChecks.SchemaProblems(
            [Line("it-0001", "Costa troppo per noi.", language: "it", labels: "objection_cost")]).ToList();
        Assert.Contains(problems, p => p.Contains("unknown label objection_cost", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unknown language it", StringComparison.Ordinal));
    }

    [Fact]
    public void SchemaProblems_MandarinWithSpaces_IsReported()
    {
        var problems = CorpusChecks.SchemaProblems([Line("zh-0001", "太贵 了", group: "zh-g0001", language: "zh")]);
        Assert.Contains(problems, p => p.Contains("whitespace", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateTexts_CaseAccentAndPunctuationVariants_AreDuplicates()
    {
        var problems = CorpusChecks.DuplicateTexts(
        [
            Line("fr-0001", "C'est trop cher.", language: "fr"),
            Line("fr-0002", "c est TROP cher !!", "test", language: "fr"),
            Line("fr-0003", "Ce n'est pas trop cher.", language: "fr"),
        ]).ToList();
        var problem = Assert.Single(problems);
        Assert.Contains("fr-0002", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupsAcrossSplits_SameGroupInTrainAndTest_IsReported()
    {
        var problems = CorpusChecks.GroupsAcrossSplits(
            [Line("en-0001", "Too pricey."), Line("en-0002", "Way too expensive.", "test")]);
        Assert.Single(problems);
    }

    [Fact]
    public void DuplicateIds_RepeatedId_IsReported() =>
        Assert.Single(CorpusChecks.DuplicateIds([Line("en-0001", "Too pricey."), Line("en-0001", "Not now.")]));

    [Fact]
    public void ThinLabels_EmptySplit_ReportsEveryLabelAndLanguage() =>
        Assert.Equal(45, CorpusChecks.ThinLabels([Line("en-0001", "Too pricey.", labels: "objection_price")], "test", 1).Count());
}
