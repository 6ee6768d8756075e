using SalesCoach.Inference.Data;

namespace SalesCoach.Inference.Tests.Data;

public class DatasetCleanerTests
{
    [Fact]
    public void Clean_DuplicatesConflictsBlanksUnknownLabels_RemovedAndCounted()
    {
        LabeledExample[] rows =
        [
            new("Too  expensive", ["price"]),
            new("too expensive", ["price"]),          // duplicate (case, spaces)
            new("call me later", ["timing"]),
            new("Call me later", ["price"]),          // conflicts with the row above: both go
            new("   ", ["price"]),                    // blank text
            new("we use acme", [" "]),                // blank label
            new("new thing", ["brand_new_label"]),    // unknown to the active model
            new("not now", ["timing"]),
        ];

        var (clean, report) = DatasetCleaner.Clean(rows, knownLabels: ["price", "timing"]);

        Assert.Equal(["Too expensive", "not now"], clean.Select(r => r.Text));
        Assert.Equal(new CleaningReport(8, 2, 2, 1, 2, report.UnknownLabels), report);
        Assert.Equal(1, report.UnknownLabels["brand_new_label"]);
    }

    [Fact]
    public void Clean_NoKnownLabels_KeepsNewLabels()
    {
        var (clean, report) = DatasetCleaner.Clean([new("hello", ["greeting"])]);
        Assert.Single(clean);
        Assert.Empty(report.UnknownLabels);
    }
}
