using SalesCoach.Storage.Signals;
using SalesCoach.Storage.Texts;

namespace SalesCoach.Coaching.Summaries;

/// <summary>
/// The summary's sentences and the signal names in each supported language, written per language the way a
/// sales team there would put them, not translated word for word. Any other language falls back to English.
/// </summary>
public sealed class SummaryTexts
{
    private static readonly TextsByLanguage<SummaryTexts> ByLanguage = new(new()
    {
        ["en"] = new()
        {
            Language = "en",
            Overview = (d, s) => $"The call lasted {d} ({N(s, "segment", "segments")}).",
            Talk = (p, rq, cq) => $"Rep talk share {p}%; the rep asked {N(rq, "question", "questions")}, the customer {(cq == 0 ? "none" : $"{cq}")}.",
            Objections = (c, topics, h) => $"{N(c, "objection", "objections")} ({topics}), {(h == 0 ? "none" : $"{h}")} handled.",
            BuyingSignals = n => $"{N(n, "buying signal", "buying signals")}.",
            NextStep = t => $"Next step: \"{t}\"",
            NoNextStep = "No next step was agreed.",
            ObjectionsNotHandled = n => n == 1 ? "1 objection was not handled." : $"{n} objections were not handled.",
            Topics = Labels("price", "timing", "authority", "need", "trust"),
            Names = Labels("Price objection", "Timing objection", "Authority objection", "Need objection", "Trust objection",
                "Competitor mentioned", "Buying signal", "Pricing question", "Next step"),
        },
        ["es"] = new()
        {
            Language = "es",
            Overview = (d, s) => $"La llamada duró {d} ({N(s, "intervención", "intervenciones")}).",
            Talk = (p, rq, cq) => $"El vendedor habló el {p} % del tiempo e hizo {N(rq, "pregunta", "preguntas")}; el cliente, {(cq == 0 ? "ninguna" : $"{cq}")}.",
            Objections = (c, topics, h) => $"{N(c, "objeción", "objeciones")} ({topics}), " +
                (h switch { 0 => "ninguna resuelta", 1 => "1 resuelta", _ => $"{h} resueltas" }) + ".",
            BuyingSignals = n => $"{N(n, "señal de compra", "señales de compra")}.",
            NextStep = t => $"Próximo paso: «{t}»",
            NoNextStep = "No se acordó ningún próximo paso.",
            ObjectionsNotHandled = n => n == 1 ? "1 objeción quedó sin resolver." : $"{n} objeciones quedaron sin resolver.",
            Topics = Labels("precio", "plazos", "autoridad", "necesidad", "confianza"),
            Names = Labels("Objeción de precio", "Objeción de plazos", "Objeción de autoridad", "Objeción de necesidad",
                "Objeción de confianza", "Competidor mencionado", "Señal de compra", "Pregunta sobre precios", "Próximo paso"),
        },
        ["fr"] = new()
        {
            Language = "fr",
            Overview = (d, s) => $"Durée de l'appel : {d} ({NFr(s, "intervention", "interventions")}).",
            Talk = (p, rq, cq) => $"Le commercial a parlé {p} % du temps et posé {NFr(rq, "question", "questions")} ; "
                + (cq == 0 ? "le client n'en a posé aucune." : $"le client en a posé {cq}."),
            Objections = (c, topics, h) => $"{NFr(c, "objection", "objections")} ({topics}), " +
                (h switch { 0 => "aucune traitée", 1 => "dont 1 traitée", _ => $"dont {h} traitées" }) + ".",
            BuyingSignals = n => $"{NFr(n, "signal d'achat", "signaux d'achat")}.",
            NextStep = t => $"Prochaine étape : « {t} »",
            NoNextStep = "Aucune prochaine étape n'a été convenue.",
            ObjectionsNotHandled = n => n == 1 ? "1 objection n'a pas été traitée." : $"{n} objections n'ont pas été traitées.",
            Topics = Labels("prix", "calendrier", "décideur", "besoin", "confiance"),
            Names = Labels("Objection prix", "Objection calendrier", "Objection décideur", "Objection besoin", "Objection confiance",
                "Concurrent cité", "Signal d'achat", "Question sur les tarifs", "Prochaine étape"),
        },
        ["de"] = new()
        {
            Language = "de",
            Overview = (d, s) => $"Gesprächsdauer {d} ({N(s, "Redebeitrag", "Redebeiträge")}).",
            Talk = (p, rq, cq) => $"Redeanteil Vertrieb {p} %, {N(rq, "Frage", "Fragen")} gestellt; der Kunde stellte {(cq == 0 ? "keine" : $"{cq}")}.",
            Objections = (c, topics, h) => $"{N(c, "Einwand", "Einwände")} ({topics}), " + (h == 0 ? "keiner behandelt" : $"davon {h} behandelt") + ".",
            BuyingSignals = n => $"{N(n, "Kaufsignal", "Kaufsignale")}.",
            NextStep = t => $"Nächster Schritt: „{t}“",
            NoNextStep = "Es wurde kein nächster Schritt vereinbart.",
            ObjectionsNotHandled = n => n == 1 ? "1 Einwand wurde nicht behandelt." : $"{n} Einwände wurden nicht behandelt.",
            Topics = Labels("Preis", "Zeitpunkt", "Entscheidungsbefugnis", "Bedarf", "Vertrauen"),
            Names = Labels("Preiseinwand", "Einwand zum Zeitpunkt", "Einwand zur Entscheidungsbefugnis", "Bedarfseinwand", "Vertrauenseinwand",
                "Wettbewerber erwähnt", "Kaufsignal", "Preisfrage", "Nächster Schritt"),
        },
        ["zh"] = new()
        {
            Language = "zh",
            Overview = (d, s) => $"通话时长 {d}，共 {s} 段发言。",
            Talk = (p, rq, cq) => $"销售发言占比 {p}%，提问 {rq} 次；" + (cq == 0 ? "客户未提问。" : $"客户提问 {cq} 次。"),
            Objections = (c, topics, h) => $"客户提出 {c} 个异议（{topics}），已处理 {h} 个。",
            BuyingSignals = n => $"出现 {n} 个购买信号。",
            NextStep = t => $"后续步骤：“{t}”",
            NoNextStep = "未约定后续步骤。",
            ObjectionsNotHandled = n => $"{n} 个异议未处理。",
            Topics = Labels("价格", "时机", "决策权", "需求", "信任"),
            Names = Labels("价格异议", "时机异议", "决策权异议", "需求异议", "信任异议", "提及竞争对手", "购买信号", "价格咨询", "后续步骤"),
            ListSeparator = "、",
            SentenceSeparator = "",
        },
    });

    private SummaryTexts()
    {
    }

    /// <summary>The language these texts are in: en, es, fr, de or zh.</summary>
    public string Language { get; private init; } = "en";

    internal Func<string, int, string> Overview { get; private init; } = null!;

    internal Func<int, int, int, string> Talk { get; private init; } = null!;

    internal Func<int, string, int, string> Objections { get; private init; } = null!;

    internal Func<int, string> BuyingSignals { get; private init; } = null!;

    internal Func<string, string> NextStep { get; private init; } = null!;

    internal string NoNextStep { get; private init; } = "";

    internal Func<int, string> ObjectionsNotHandled { get; private init; } = null!;

    internal string ListSeparator { get; private init; } = ", ";

    internal string SentenceSeparator { get; private init; } = " ";

    private Dictionary<string, string> Topics { get; init; } = [];

    private Dictionary<string, string> Names { get; init; } = [];

    /// <summary>The texts of a language; "fr-CA" and "zh-Hans-CN" resolve to their base language, anything unknown (or none) to English.</summary>
    public static SummaryTexts For(string? language) => ByLanguage.For(language);

    /// <summary>A signal label as a rep reads it ("Signal d'achat" for buying_signal); an unknown label as itself, without underscores.</summary>
    public string SignalName(string label) => Names.GetValueOrDefault(label) ?? label.Replace('_', ' ');

    /// <summary>What an objection is about ("prix" for objection_price), as it reads inside a sentence.</summary>
    public string ObjectionTopic(string label) =>
        Topics.GetValueOrDefault(label) ?? (SignalLabels.IsObjection(label) ? label["objection_".Length..] : label).Replace('_', ' ');

    private static string N(int count, string one, string other) => $"{count} {(count == 1 ? one : other)}";

    // French takes the singular for 0 and 1.
    private static string NFr(int count, string one, string other) => $"{count} {(count <= 1 ? one : other)}";

    /// <summary>Texts in the order of <see cref="SignalLabels.All"/>; objection topics pass the first five only.</summary>
    private static Dictionary<string, string> Labels(params string[] texts) =>
        SignalLabels.All.Zip(texts).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
}
