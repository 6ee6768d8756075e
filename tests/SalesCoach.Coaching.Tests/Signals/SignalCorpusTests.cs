namespace SalesCoach.Coaching.Tests.Signals;

/// <summary>The committed corpus files obey the schema and split rules the trainer relies on.</summary>
public sealed class SignalCorpusTests
{
    // Floors from the corpus README: at least 75 positives per label and language in batch 1,
    // which a 70/10/20 split by group turns into at least 50 in train and 14 in test.
    // Batches 2 (train and dev) and 3 (train) only add to the training side.
    private const int MinimumTotal = 75;
    private const int MinimumTrain = 50;
    private const int MinimumTest = 14;

    private static IReadOnlyList<CorpusLine> Lines => CorpusFiles.Lines;

    private static IEnumerable<CorpusLine> BatchOne => Lines.Where(l => l.Batch == 1);

    [Fact]
    public void Read_EverySplit_ParsesAsSchemaValidJson()
    {
        Assert.All(CorpusFiles.Splits, split => Assert.True(File.Exists(CorpusFiles.PathOf(split)), split));
        Assert.True(Lines.Count >= 4500, $"only {Lines.Count} utterances");
        Assert.Empty(CorpusChecks.SchemaProblems(Lines));
    }

    [Fact]
    public void Ids_AcrossAllSplits_AreUnique() => Assert.Empty(CorpusChecks.DuplicateIds(Lines));

    [Fact]
    public void Texts_AcrossAllSplits_HaveNoExactOrNormalisedDuplicates() =>
        Assert.Empty(CorpusChecks.DuplicateTexts(Lines));

    [Fact]
    public void Groups_EachParaphraseFamily_StaysInOneSplit() =>
        Assert.Empty(CorpusChecks.GroupsAcrossSplits(Lines));

    [Fact]
    public void Labels_TrainAndTest_MeetPerLanguageMinimums()
    {
        Assert.Empty(CorpusChecks.ThinLabels(Lines, "train", MinimumTrain));
        Assert.Empty(CorpusChecks.ThinLabels(Lines, "test", MinimumTest));
    }

    [Theory]
    [MemberData(nameof(LanguageData))]
    public void Language_WholeCorpus_IsBalancedWithNegativesAndBothSpeakers(string language)
    {
        var mine = BatchOne.Where(l => l.Language == language).ToList();
        Assert.InRange(mine.Count, 900, 1200);
        Assert.All(CorpusFiles.Labels, label =>
            Assert.True(mine.Count(l => l.Labels.Contains(label)) >= MinimumTotal, $"{language}/{label}"));
        Assert.InRange(mine.Count(l => l.Labels.Count == 0) / (double)mine.Count, 0.25, 0.40);
        Assert.True(mine.Count(l => l.HardNegative) >= 100, $"{language}: too few hard negatives");
        Assert.True(mine.Count(l => l.Speaker == "rep") >= 80, $"{language}: too few rep lines");
        Assert.True(mine.Select(l => l.Industry).Distinct().Count() >= 15, $"{language}: too few industries");
    }

    [Theory]
    [MemberData(nameof(LanguageData))]
    public void Splits_PerLanguage_AreAboutSeventyTenTwenty(string language)
    {
        var mine = BatchOne.Where(l => l.Language == language).ToList();
        double Share(string split) => mine.Count(l => l.Split == split) / (double)mine.Count;
        Assert.InRange(Share("train"), 0.64, 0.76);
        Assert.InRange(Share("dev"), 0.07, 0.13);
        Assert.InRange(Share("test"), 0.16, 0.24);
    }

    [Fact]
    public void Batches_LaterOnes_NeverReachTheTestSplit()
    {
        Assert.DoesNotContain(Lines, l => l.Split == "test" && l.Batch != 1);
        Assert.DoesNotContain(Lines, l => l.Batch == 3 && l.Split != "train");
    }

    public static TheoryData<string> LanguageData() => new(CorpusFiles.Languages);
}
