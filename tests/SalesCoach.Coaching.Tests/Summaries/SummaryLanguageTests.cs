using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Summaries;

namespace SalesCoach.Coaching.Tests.Summaries;

/// <summary>The same discovery call held in each language: the summary must come out in the interaction's language.</summary>
public class SummaryLanguageTests
{
    private const string Price = """[{"label":"objection_price","score":0.9}]""";
    private const string Timing = """[{"label":"objection_timing","score":0.8}]""";
    private const string Buying = """[{"label":"buying_signal","score":0.8}]""";
    private const string NextStep = """[{"label":"next_step","score":0.7}]""";

    /// <summary>rep, customer (price objection), rep answers, customer buying signal, rep proposes the next step, customer agrees.</summary>
    private static readonly Dictionary<string, string[]> Calls = new()
    {
        ["en"] =
        [
            "Thanks for making the time. How are you handling call reviews today?",
            "Manually, and honestly your tool looks too expensive for us.",
            "Compared to the hours your managers spend on reviews?",
            "Fair. How soon could we start with the sales team?",
            "Let's book a demo with your ops lead on Thursday.",
            "Sounds good.",
        ],
        ["es"] =
        [
            "Gracias por su tiempo. ¿Cómo revisan hoy las llamadas?",
            "A mano, y la verdad es que su herramienta nos parece demasiado cara.",
            "¿Comparado con las horas que sus mánagers dedican a revisarlas?",
            "Es cierto. ¿Cuándo podríamos empezar con el equipo comercial?",
            "Propongo una demo el jueves con su responsable de operaciones.",
            "Perfecto.",
        ],
        ["fr"] =
        [
            "Merci pour votre temps. Comment analysez-vous vos appels aujourd'hui ?",
            "À la main, et franchement votre outil est trop cher pour nous.",
            "Par rapport aux heures que vos managers y passent ?",
            "D'accord. Dans combien de temps pourrait-on démarrer ?",
            "Je vous propose une démo jeudi avec votre responsable des opérations.",
            "Très bien.",
        ],
        ["de"] =
        [
            "Danke für Ihre Zeit. Wie werten Sie Ihre Gespräche heute aus?",
            "Von Hand, und ehrlich gesagt ist Ihr Tool für uns zu teuer.",
            "Im Vergleich zu den Stunden, die Ihre Führungskräfte dafür aufwenden?",
            "Stimmt. Wie schnell könnten wir mit dem Vertriebsteam starten?",
            "Lassen Sie uns am Donnerstag eine Demo mit Ihrer Operations-Leitung machen.",
            "Klingt gut.",
        ],
        ["zh"] =
        [
            "感谢您抽出时间。你们现在怎么做通话复盘？",
            "都是手工做的，说实话你们的产品对我们来说太贵了。",
            "和经理们花在复盘上的时间相比呢？",
            "有道理。我们最快什么时候能上线？",
            "周四和你们的运营负责人一起做个演示吧。",
            "好的。",
        ],
    };

    private const string English = "The call lasted 0:58 (6 segments). Rep talk share 50%; the rep asked 2 questions, the customer 1. "
        + "1 objection (price), 1 handled. 1 buying signal. Next step: \"Let's book a demo with your ops lead on Thursday.\"";

    public static TheoryData<string, string> Expected => new()
    {
        { "en", English },
        { "es", "La llamada duró 0:58 (6 intervenciones). El vendedor habló el 50 % del tiempo e hizo 2 preguntas; el cliente, 1. "
            + "1 objeción (precio), 1 resuelta. 1 señal de compra. Próximo paso: «Propongo una demo el jueves con su responsable de operaciones.»" },
        { "fr", "Durée de l'appel : 0:58 (6 interventions). Le commercial a parlé 50 % du temps et posé 2 questions ; le client en a posé 1. "
            + "1 objection (prix), dont 1 traitée. 1 signal d'achat. Prochaine étape : « Je vous propose une démo jeudi avec votre responsable des opérations. »" },
        { "de", "Gesprächsdauer 0:58 (6 Redebeiträge). Redeanteil Vertrieb 50 %, 2 Fragen gestellt; der Kunde stellte 1. "
            + "1 Einwand (Preis), davon 1 behandelt. 1 Kaufsignal. Nächster Schritt: „Lassen Sie uns am Donnerstag eine Demo mit Ihrer Operations-Leitung machen.“" },
        { "zh", "通话时长 0:58，共 6 段发言。销售发言占比 50%，提问 2 次；客户提问 1 次。客户提出 1 个异议（价格），已处理 1 个。出现 1 个购买信号。"
            + "后续步骤：“周四和你们的运营负责人一起做个演示吧。”" },
    };

    private static InteractionSummary Summarize(string language, params (string Speaker, string Text, string Signals)[] turns) =>
        SummaryBuilder.Build(
            new Interaction("t", "i", "salesforce", "Opportunity", "006", "rep-1", language, "call", "live", DateTimeOffset.UnixEpoch, null),
            [.. turns.Select((turn, i) => new StoredSegment(i + 1, turn.Speaker, turn.Text, (i + 1) * 10_000, ((i + 1) * 10_000) + 8_000, turn.Signals))],
            [], [], DefaultPlaybook.Load(), DateTimeOffset.UnixEpoch);

    private static InteractionSummary DiscoveryCall(string language, string callLanguage)
    {
        var line = Calls[callLanguage];
        return Summarize(language,
            ("rep", line[0], "[]"), ("customer", line[1], Price), ("rep", line[2], "[]"), ("customer", line[3], Buying), ("rep", line[4], NextStep),
            ("customer", line[5], "[]"));
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Build_DiscoveryCall_WritesTheSummaryInTheInteractionsLanguage(string language, string expected)
    {
        var summary = DiscoveryCall(language, language);

        Assert.Equal(expected, summary.Summary);
        Assert.Equal(language, summary.Language);
        Assert.Empty(summary.Warnings);
        Assert.Equal(summary.Summary, string.Join(language == "zh" ? "" : " ", summary.SummaryDetails!.Select(p => p.Text)));
    }

    [Theory]
    [InlineData("en", "Price objection", "Buying signal")]
    [InlineData("es", "Objeción de precio", "Señal de compra")]
    [InlineData("fr", "Objection prix", "Signal d'achat")]
    [InlineData("de", "Preiseinwand", "Kaufsignal")]
    [InlineData("zh", "价格异议", "购买信号")]
    public void Build_DiscoveryCall_NamesSignalsInTheLanguageAndKeepsTheirCodes(string language, string price, string buying)
    {
        var summary = DiscoveryCall(language, language);

        Assert.Equal(["objection_price", "buying_signal", "next_step"], summary.Signals.Select(s => s.Label));
        Assert.Equal(price, summary.Signals[0].Name);
        Assert.Equal(buying, summary.Signals[1].Name);
        Assert.Equal(price, Assert.Single(summary.Objections).Name);
        Assert.Equal(["overview", "talk", "objections", "buying_signals", "next_step"], summary.SummaryDetails!.Select(p => p.Code));
        var objections = summary.SummaryDetails![2].Params;
        Assert.Equal(("1", "1", "objection_price"), (objections["count"], objections["handled"], objections["labels"]));
        Assert.Equal("0.5", summary.SummaryDetails[1].Params["repTalkShare"]);
    }

    [Theory]
    [InlineData("en", "3 objections (price, timing), none handled.", "No next step was agreed.", "3 objections were not handled.")]
    [InlineData("es", "3 objeciones (precio, plazos), ninguna resuelta.", "No se acordó ningún próximo paso.", "3 objeciones quedaron sin resolver.")]
    [InlineData("fr", "3 objections (prix, calendrier), aucune traitée.", "Aucune prochaine étape n'a été convenue.", "3 objections n'ont pas été traitées.")]
    [InlineData("de", "3 Einwände (Preis, Zeitpunkt), keiner behandelt.", "Es wurde kein nächster Schritt vereinbart.", "3 Einwände wurden nicht behandelt.")]
    [InlineData("zh", "客户提出 3 个异议（价格、时机），已处理 0 个。", "未约定后续步骤。", "3 个异议未处理。")]
    public void Build_UnhandledObjectionsAndNoNextStep_WarnsInTheLanguage(string language, string objections, string noNextStep, string unhandled)
    {
        // The customer repeats the price objection after the answer, then raises timing; the rep never speaks again.
        var line = Calls[language];
        var summary = Summarize(language,
            ("customer", line[1], Price), ("rep", line[2], "[]"), ("customer", line[1], Price), ("customer", line[3], Timing), ("customer", line[5], "[]"));

        Assert.Contains(objections, summary.Summary, StringComparison.Ordinal);
        Assert.EndsWith(noNextStep, summary.Summary, StringComparison.Ordinal);
        Assert.Equal([noNextStep, unhandled], summary.Warnings);
        Assert.Equal(["no_next_step", "objections_not_handled"], summary.WarningDetails!.Select(w => w.Code));
        Assert.Equal("3", summary.WarningDetails![1].Params["count"]);
    }

    [Theory]
    [InlineData("en", "Rep talk share 50%; the rep asked 1 question, the customer none.")]
    [InlineData("es", "El vendedor habló el 50 % del tiempo e hizo 1 pregunta; el cliente, ninguna.")]
    [InlineData("fr", "Le commercial a parlé 50 % du temps et posé 1 question ; le client n'en a posé aucune.")]
    [InlineData("de", "Redeanteil Vertrieb 50 %, 1 Frage gestellt; der Kunde stellte keine.")]
    [InlineData("zh", "销售发言占比 50%，提问 1 次；客户未提问。")]
    public void Build_CustomerAsksNothing_SaysSoInTheLanguage(string language, string talk)
    {
        var summary = Summarize(language, ("rep", Calls[language][0], "[]"), ("customer", Calls[language][5], "[]"));

        Assert.Equal(talk, summary.SummaryDetails![1].Text);
        Assert.Contains(talk, summary.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pt")]
    [InlineData("ja-JP")]
    [InlineData("")]
    public void Build_UnknownLanguage_FallsBackToEnglish(string language)
    {
        var summary = DiscoveryCall(language, "en");

        Assert.Equal(English, summary.Summary);
        Assert.Equal("en", summary.Language);
        Assert.Equal("Price objection", summary.Signals[0].Name);
    }

    [Fact]
    public void Build_RegionalTag_UsesItsBaseLanguage()
    {
        var summary = DiscoveryCall("fr-CA", "fr");

        Assert.Equal("fr", summary.Language);
        Assert.StartsWith("Durée de l'appel : 0:58", summary.Summary, StringComparison.Ordinal);
    }
}
