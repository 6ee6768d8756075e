using static SalesCoach.Content.Tests.Evaluation.EvaluationVocabulary;

namespace SalesCoach.Content.Tests.Evaluation;

public sealed class QuerySchemaTests
{
    private static readonly IReadOnlyDictionary<string, EvaluationItem> Library =
        EvaluationSetReader.ReadLibrary().ToDictionary(i => i.ExternalId, StringComparer.Ordinal);

    public static TheoryData<string> QueryFiles =>
        [EvaluationSetReader.TestQueriesFile, EvaluationSetReader.DevQueriesFile];

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public void ReadQueries_EveryQuery_UsesTheDocumentedVocabulary(string file)
    {
        var queries = EvaluationSetReader.ReadQueries(file);
        Assert.Equal(queries.Count, queries.Select(q => q.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(queries, q =>
        {
            Assert.Contains(q.Language, Languages);
            Assert.Contains(q.Kind, QueryKinds);
            Assert.False(string.IsNullOrWhiteSpace(q.Intent), q.Id);
            Assert.Contains(q.Context.Crm, Crms);
            Assert.False(string.IsNullOrWhiteSpace(q.Context.RecordType), q.Id);
            Assert.True(q.Context.Stage is null || Stages.Contains(q.Context.Stage), q.Id);
            Assert.True(q.Context.Industry is null || Industries.Contains(q.Context.Industry), q.Id);
            Assert.True(q.Context.Persona is null || Personas.Contains(q.Context.Persona), q.Id);
            Assert.All(q.Context.Products, p => Assert.Contains(p, Products));
            Assert.All(q.Conversation, line =>
                Assert.True(line.StartsWith("customer: ", StringComparison.Ordinal) || line.StartsWith("rep: ", StringComparison.Ordinal), q.Id));
        });
    }

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public void ReadQueries_Judgments_NameExistingItemsWithGradesZeroToThree(string file)
    {
        Assert.All(EvaluationSetReader.ReadQueries(file), q =>
        {
            Assert.InRange(q.Judgments.Count, 2, 6);
            Assert.All(q.Judgments, j =>
            {
                Assert.True(Library.ContainsKey(j.Key), $"{q.Id} judges unknown item {j.Key}");
                Assert.InRange(j.Value, 0, 3);
            });
            Assert.Contains(q.Judgments.Values, grade => grade >= 2);
        });
    }

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public void ReadQueries_JudgingGuidelines_HoldForEveryQuery(string file)
    {
        Assert.All(EvaluationSetReader.ReadQueries(file), q => Assert.All(q.Judgments, j =>
        {
            var item = Library[j.Key];
            // Archived items are distractors: never relevant.
            Assert.False(item.Tags.Contains("archived") && j.Value > 0, $"{q.Id}: archived {j.Key} graded {j.Value}");
            // Grade 3 means "send it now": it must be in the conversation's language.
            Assert.False(j.Value == 3 && item.Language != q.Language, $"{q.Id}: {j.Key} graded 3 in another language");
        }));
    }

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public void ReadQueries_Kind_MatchesWhatTheQueryCarries(string file)
    {
        Assert.All(EvaluationSetReader.ReadQueries(file), q =>
        {
            var c = q.Context;
            var hasRecordContext = c.Stage is not null || c.Industry is not null || c.Persona is not null
                || c.Products.Count > 0 || c.Competitors.Count > 0;
            var (context, conversation) = q.Kind switch
            {
                "context" => (true, false),
                "conversation" => (false, true),
                _ => (true, true),
            };
            Assert.True(hasRecordContext == context, $"{q.Id} ({q.Kind}): record context {hasRecordContext}");
            Assert.True(q.Conversation.Count > 0 == conversation, $"{q.Id} ({q.Kind}): conversation {q.Conversation.Count}");
        });
    }

    [Fact]
    public void ReadQueries_TestSet_MeetsTheMinimumsAndCoversEverySlice()
    {
        var queries = EvaluationSetReader.ReadQueries(EvaluationSetReader.TestQueriesFile);
        Assert.True(queries.Count >= 60, $"{queries.Count} queries");
        Assert.Equal(Languages.Order(), queries.Select(q => q.Language).Distinct().Order());
        Assert.Equal(QueryKinds.Order(), queries.Select(q => q.Kind).Distinct().Order());
        Assert.Equal(Stages.Order(), queries.Select(q => q.Context.Stage).OfType<string>().Distinct().Order());
        Assert.Equal(Crms.Order(), queries.Select(q => q.Context.Crm).Distinct().Order());
        Assert.All(Languages, language => Assert.True(queries.Count(q => q.Language == language) >= 5, language));
    }

    [Fact]
    public void ReadQueries_DevAndTestSets_DoNotOverlap()
    {
        var test = EvaluationSetReader.ReadQueries(EvaluationSetReader.TestQueriesFile);
        var dev = EvaluationSetReader.ReadQueries(EvaluationSetReader.DevQueriesFile);
        Assert.True(dev.Count >= 15, $"{dev.Count} dev queries");
        Assert.Empty(test.Select(q => q.Id).Intersect(dev.Select(q => q.Id)));
        Assert.Empty(test.SelectMany(q => q.Conversation).Intersect(dev.SelectMany(q => q.Conversation)));
    }
}
