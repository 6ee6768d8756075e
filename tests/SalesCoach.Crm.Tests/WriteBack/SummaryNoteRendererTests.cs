using SalesCoach.Crm.WriteBack;

namespace SalesCoach.Crm.Tests.WriteBack;

public sealed class SummaryNoteRendererTests
{
    [Theory]
    [InlineData("en", "Call coaching summary", "Objections", "Warning: no next step was agreed.", "not handled")]
    [InlineData("es-MX", "Resumen de coaching de la llamada", "Objeciones", "Aviso: no se acordó ningún próximo paso.", "sin resolver")]
    [InlineData("fr", "Synthèse de coaching de l'appel", "Objections", "Attention : aucune prochaine étape n'a été convenue.", "non traitée")]
    [InlineData("de-DE", "Coaching-Zusammenfassung des Gesprächs", "Einwände", "Warnung: Es wurde kein nächster Schritt vereinbart.", "nicht behandelt")]
    [InlineData("zh-CN", "通话辅导摘要", "异议", "警告：未约定任何后续步骤。", "未处理")]
    public void Render_NoNextStep_UsesTheLanguagesHeadingsAndWarning(string language, string title, string objections, string warning, string notHandled)
    {
        var summary = Summaries.For("salesforce", "Opportunity", "006000000000001AAA", language) with { NextSteps = [] };

        var note = SummaryNoteRenderer.Render(summary);

        Assert.StartsWith(title, note.Title, StringComparison.Ordinal);
        Assert.EndsWith("[SalesCoach int-0001]", note.Title, StringComparison.Ordinal);
        Assert.Contains(objections + "\n", note.PlainText, StringComparison.Ordinal);
        Assert.Contains("- " + warning, note.PlainText, StringComparison.Ordinal);
        Assert.Contains($"Integration ({notHandled})", note.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FullSummary_ListsMetricsSignalsWithUtterancesNextStepsAndContent()
    {
        var note = SummaryNoteRenderer.Render(Summaries.For("hubspot", "deals", "1"));

        Assert.Contains("- Duration: 32:10", note.PlainText, StringComparison.Ordinal);
        Assert.Contains("- Rep talk share: 62", note.PlainText, StringComparison.Ordinal);
        Assert.Contains("- Longest monologue: 1:35", note.PlainText, StringComparison.Ordinal);
        Assert.Contains("- Questions asked: 7", note.PlainText, StringComparison.Ordinal);
        Assert.Contains("- Words per minute: 148", note.PlainText, StringComparison.Ordinal);
        Assert.Contains("- Budget: \"We have budget approved for Q1\" / \"Finance signed off last week\"", note.PlainText, StringComparison.Ordinal);
        Assert.Contains("- Price (handled): \"It's more than we pay today\"", note.PlainText, StringComparison.Ordinal);
        Assert.Contains("Next steps\n- Send the security questionnaire by Friday", note.PlainText, StringComparison.Ordinal);
        Assert.Contains("- ROI one-pager (https://example.com/roi)", note.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("no next step", note.PlainText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "- Duration: 32:10", "- Budget: \"We have budget approved for Q1\" / \"Finance signed off last week\"",
        "- Price (handled): \"It's more than we pay today\"")]
    [InlineData("es", "- Duración: 32:10", "- Budget: «We have budget approved for Q1» / «Finance signed off last week»",
        "- Price (resuelta): «It's more than we pay today»")]
    [InlineData("fr", "- Durée : 32:10", "- Budget : « We have budget approved for Q1 » / « Finance signed off last week »",
        "- Price (traitée) : « It's more than we pay today »")]
    [InlineData("de", "- Dauer: 32:10", "- Budget: „We have budget approved for Q1“ / „Finance signed off last week“",
        "- Price (behandelt): „It's more than we pay today“")]
    [InlineData("zh", "- 时长：32:10", "- Budget：“We have budget approved for Q1” / “Finance signed off last week”", "- Price (已处理)：“It's more than we pay today”")]
    public void Render_FullSummary_UsesTheLanguagesColonAndQuotationMarks(string language, string duration, string signal, string objection)
    {
        var note = SummaryNoteRenderer.Render(Summaries.For("dynamics", "opportunity", "1", language));

        Assert.Contains(duration + "\n", note.PlainText, StringComparison.Ordinal);
        Assert.Contains(signal + "\n", note.PlainText, StringComparison.Ordinal);
        Assert.Contains(objection + "\n", note.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnsupportedLanguage_FallsBackToEnglish()
    {
        var note = SummaryNoteRenderer.Render(Summaries.For("hubspot", "deals", "1", "pt-BR"));

        Assert.StartsWith("Call coaching summary", note.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UtteranceWithMarkup_IsEncodedInHtml()
    {
        var summary = Summaries.For("hubspot", "deals", "1") with { Signals = [new SummarySignal("Risk", ["<script>alert(1)</script> & more"])] };

        var note = SummaryNoteRenderer.Render(summary);

        Assert.DoesNotContain("<script>", note.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", note.Html, StringComparison.Ordinal);
        Assert.Contains("<p><strong>Signals</strong></p><ul><li>", note.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_HubSpotNoteOverTheLimit_CutsPlainTextButKeepsTheMarker()
    {
        var huge = Enumerable.Range(0, 2000).Select(i => $"Utterance {i} with <b>markup</b> & some words to make it long").ToList();
        var summary = Summaries.For("hubspot", "deals", "1") with { Signals = [new SummarySignal("Budget", huge)] };
        var note = SummaryNoteRenderer.Render(summary);

        var body = SalesCoach.Crm.HubSpot.HubSpotNoteWriter.Fit(note);

        Assert.True(note.Html.Length > SalesCoach.Crm.HubSpot.HubSpotNoteWriter.MaxBody);
        Assert.True(body.Length <= SalesCoach.Crm.HubSpot.HubSpotNoteWriter.MaxBody);
        Assert.Contains("[SalesCoach int-0001]", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", body, StringComparison.Ordinal);
    }
}
