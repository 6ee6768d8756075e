using System.Text.Json;
using SalesCoach.Api.Coaching.WriteBack;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Summaries;
using SalesCoach.Crm.WriteBack;

namespace SalesCoach.Api.Tests.Coaching;

/// <summary>The note a CRM record gets after a call: every word we write is in the rep's language, the customer's words stay as said.</summary>
public class SummaryMappingTests
{
    private const string Price = """[{"label":"objection_price","score":0.9}]""";
    private const string Buying = """[{"label":"buying_signal","score":0.8}]""";
    private const string Competitor = """[{"label":"competitor","score":1.0}]""";

    private static string NoteFor(string language, string[] lines)
    {
        var interaction = new Interaction("t1", "int-1", "salesforce", "Opportunity", "006A", "salesforce:005A", language, "call", "completed",
            new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), null);
        var summary = SummaryBuilder.Build(interaction,
        [
            new StoredSegment(1, "customer", lines[0], 0, 5_000, Competitor),
            new StoredSegment(2, "customer", lines[1], 6_000, 10_000, Price),
            new StoredSegment(3, "rep", lines[2], 11_000, 15_000, "[]"),
            new StoredSegment(4, "customer", lines[3], 16_000, 20_000, Buying),
        ], [], [], DefaultPlaybook.Load(), DateTimeOffset.UnixEpoch);
        // As the write-back worker reads it: the stored JSON.
        var stored = JsonSerializer.Deserialize<SalesCoach.Coaching.Summaries.InteractionSummary>(JsonSerializer.Serialize(summary, CoachingJson.Options), CoachingJson.Options)!;
        return SummaryNoteRenderer.Render(SummaryMapping.ToCrm(interaction, stored)).PlainText;
    }

    [Fact]
    public void ToCrm_FrenchCall_NoteNamesSignalsAndObjectionsInFrench()
    {
        var note = NoteFor("fr", ["On regarde aussi Gong.", "C'est trop cher pour nous.", "Par rapport à quoi ?", "On pourrait démarrer quand ?"]);

        Assert.Contains("- Concurrent cité : « On regarde aussi Gong. »\n", note, StringComparison.Ordinal);
        Assert.Contains("- Signal d'achat : « On pourrait démarrer quand ? »\n", note, StringComparison.Ordinal);
        Assert.Contains("Objections\n- Prix (traitée) : « C'est trop cher pour nous. »\n", note, StringComparison.Ordinal);
        Assert.Contains("- Attention : aucune prochaine étape n'a été convenue.", note, StringComparison.Ordinal);
        Assert.DoesNotContain("buying", note, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToCrm_ChineseCall_NoteNamesSignalsAndObjectionsInChinese()
    {
        var note = NoteFor("zh", ["我们也在看 Gong。", "你们太贵了。", "和什么相比呢？", "我们最快什么时候能上线？"]);

        Assert.Contains("- 提及竞争对手：“我们也在看 Gong。”\n", note, StringComparison.Ordinal);
        Assert.Contains("- 购买信号：“我们最快什么时候能上线？”\n", note, StringComparison.Ordinal);
        Assert.Contains("异议\n- 价格 (已处理)：“你们太贵了。”\n", note, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCrm_ContentUsed_NamedByTitleAndLink_DeletedItemByItsId()
    {
        var interaction = new Interaction("t1", "int-2", "hubspot", "deal", "42", "rep-1", "en", "call", "completed",
            new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), null);
        var summary = SummaryBuilder.Build(interaction, [new StoredSegment(1, "rep", "Let me share the case study.", 0, 3_000, "[]")], [],
            [("c-roi", "open"), ("c-gone", "open")], DefaultPlaybook.Load(), DateTimeOffset.UnixEpoch);
        var titles = new Dictionary<string, SummaryContent> { ["c-roi"] = new("ROI one-pager", "https://example.com/roi") };

        var note = SummaryNoteRenderer.Render(SummaryMapping.ToCrm(interaction, summary, titles)).PlainText;

        Assert.Contains("ROI one-pager (https://example.com/roi)", note, StringComparison.Ordinal);
        Assert.Contains("c-gone", note, StringComparison.Ordinal);
        Assert.DoesNotContain("c-roi", note, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCrm_UnknownLanguage_NoteInEnglish()
    {
        var note = NoteFor("pt", ["We also look at Gong.", "It's too expensive.", "Compared to what?", "How soon can we start?"]);

        Assert.Contains("- Competitor mentioned: \"We also look at Gong.\"\n", note, StringComparison.Ordinal);
        Assert.Contains("- Buying signal: \"How soon can we start?\"\n", note, StringComparison.Ordinal);
        Assert.Contains("- Price (handled): \"It's too expensive.\"\n", note, StringComparison.Ordinal);
    }
}
