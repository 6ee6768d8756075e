using SalesCoach.Storage.Texts;

namespace SalesCoach.Crm.WriteBack;

/// <summary>
/// The fixed words of a note in each supported language, with the language's own colon and quotation marks;
/// anything else falls back to English.
/// </summary>
public sealed record NoteTexts(
    string Title, string Metrics, string TalkShare, string LongestMonologue, string Questions, string WordsPerMinute,
    string Signals, string Objections, string Handled, string NotHandled, string NextSteps, string NoNextStep,
    string ContentUsed, string Duration, string Colon = ": ", string OpenQuote = "\"", string CloseQuote = "\"")
{
    private static readonly TextsByLanguage<NoteTexts> ByLanguage = new(new()
    {
        ["en"] = new("Call coaching summary", "Metrics", "Rep talk share", "Longest monologue", "Questions asked", "Words per minute",
            "Signals", "Objections", "handled", "not handled", "Next steps", "Warning: no next step was agreed.", "Content used", "Duration"),
        ["es"] = new("Resumen de coaching de la llamada", "Métricas", "Tiempo de habla del vendedor", "Monólogo más largo", "Preguntas formuladas",
            "Palabras por minuto", "Señales", "Objeciones", "resuelta", "sin resolver", "Próximos pasos",
            "Aviso: no se acordó ningún próximo paso.", "Contenido utilizado", "Duración", OpenQuote: "«", CloseQuote: "»"),
        ["fr"] = new("Synthèse de coaching de l'appel", "Indicateurs", "Temps de parole du commercial", "Plus long monologue", "Questions posées",
            "Mots par minute", "Signaux", "Objections", "traitée", "non traitée", "Prochaines étapes",
            "Attention : aucune prochaine étape n'a été convenue.", "Contenus utilisés", "Durée", " : ", "« ", " »"),
        ["de"] = new("Coaching-Zusammenfassung des Gesprächs", "Kennzahlen", "Redeanteil Vertrieb", "Längster Monolog", "Gestellte Fragen",
            "Wörter pro Minute", "Signale", "Einwände", "behandelt", "nicht behandelt", "Nächste Schritte",
            "Warnung: Es wurde kein nächster Schritt vereinbart.", "Verwendete Inhalte", "Dauer", OpenQuote: "„", CloseQuote: "“"),
        ["zh"] = new("通话辅导摘要", "指标", "销售发言占比", "最长独白", "提问数", "每分钟字数", "信号", "异议", "已处理", "未处理", "后续步骤",
            "警告：未约定任何后续步骤。", "使用的内容", "时长", "：", "“", "”"),
    });

    /// <summary>"es-MX" and "zh-Hans-CN" resolve to their base language.</summary>
    public static NoteTexts For(string language) => ByLanguage.For(language);
}
