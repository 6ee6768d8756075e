using System.Globalization;
using SalesCoach.Content.Library;
using SalesCoach.Storage.Texts;

namespace SalesCoach.Content.Ranking;

/// <summary>
/// The reasons as a rep reads them, per language: written the way a sales team in that market would put them,
/// not translated word for word. <c>{0}</c> is the reason's parameter; a <c>.one</c> entry is the singular of a
/// counted reason. Any other language falls back to English.
/// </summary>
internal sealed class ReasonTexts
{
    private const string One = ".one";

    private static readonly TextsByLanguage<ReasonTexts> ByLanguage = new(new()
    {
        ["en"] = new("en", ["English", "Spanish", "French", "German", "Mandarin Chinese"], new()
        {
            [ReasonCodes.BattlecardNamed] = "Battlecard for {0}, named in the conversation",
            [ReasonCodes.CompetitorNamed] = "Covers {0}, named in the conversation",
            [ReasonCodes.BattlecardOnRecord] = "Battlecard for {0}, a competitor on this record",
            [ReasonCodes.CompetitorOnRecord] = "Covers {0}, a competitor on this record",
            [ReasonCodes.Stage] = "Matches stage: {0}",
            [ReasonCodes.Industry] = "Matches industry: {0}",
            [ReasonCodes.Persona] = "Written for: {0}",
            [ReasonCodes.Product] = "Covers product: {0}",
            [ReasonCodes.RoiCaseStudyForPrice] = "ROI case study for the price objection",
            [ReasonCodes.PricingSheetForPrice] = "Pricing sheet for the price objection",
            [ReasonCodes.RoiForPrice] = "Shows the return on investment, for the price objection",
            [ReasonCodes.PricingSheetForPricingQuestion] = "Pricing sheet for the pricing question",
            [ReasonCodes.ProofForTrust] = "Customer proof for the customer's doubts",
            [ReasonCodes.EvidenceForTrust] = "Evidence for the customer's doubts",
            [ReasonCodes.CostOfWaitingForTiming] = "Shows the cost of waiting, for the timing objection",
            [ReasonCodes.ShareableForAuthority] = "Easy to share with the decision maker",
            [ReasonCodes.ValueForNeed] = "Shows the value, for a customer who doubts the need",
            [ReasonCodes.OnboardingForBuyingSignal] = "Onboarding material for a buying signal",
            [ReasonCodes.FollowUpForBuyingSignal] = "Follow-up template for a buying signal",
            [ReasonCodes.Language] = "In {0}, the requested language",
            [ReasonCodes.TextMatch] = "Its text matches the record and the conversation",
            [ReasonCodes.UsedByTeam + One] = "Used by your team in 1 conversation",
            [ReasonCodes.UsedByTeam] = "Used by your team in {0} conversations",
            [ReasonCodes.RatedHelpful + One] = "Rated helpful by your team 1 time",
            [ReasonCodes.RatedHelpful] = "Rated helpful by your team {0} times",
        }),
        ["es"] = new("es", ["inglés", "español", "francés", "alemán", "chino mandarín"], new()
        {
            [ReasonCodes.BattlecardNamed] = "Battlecard de {0}, mencionado en la conversación",
            [ReasonCodes.CompetitorNamed] = "Habla de {0}, mencionado en la conversación",
            [ReasonCodes.BattlecardOnRecord] = "Battlecard de {0}, competidor en este registro",
            [ReasonCodes.CompetitorOnRecord] = "Habla de {0}, competidor en este registro",
            [ReasonCodes.Stage] = "Encaja con la etapa: {0}",
            [ReasonCodes.Industry] = "Encaja con el sector: {0}",
            [ReasonCodes.Persona] = "Pensado para: {0}",
            [ReasonCodes.Product] = "Trata el producto: {0}",
            [ReasonCodes.RoiCaseStudyForPrice] = "Caso de éxito con ROI para la objeción de precio",
            [ReasonCodes.PricingSheetForPrice] = "Tarifas para responder a la objeción de precio",
            [ReasonCodes.RoiForPrice] = "Muestra el retorno de la inversión frente a la objeción de precio",
            [ReasonCodes.PricingSheetForPricingQuestion] = "Tarifas para la pregunta sobre precios",
            [ReasonCodes.ProofForTrust] = "Un caso real para despejar las dudas del cliente",
            [ReasonCodes.EvidenceForTrust] = "Datos para despejar las dudas del cliente",
            [ReasonCodes.CostOfWaitingForTiming] = "Muestra lo que cuesta esperar, frente a la objeción de plazos",
            [ReasonCodes.ShareableForAuthority] = "Fácil de compartir con quien decide",
            [ReasonCodes.ValueForNeed] = "Muestra el valor a un cliente que no ve la necesidad",
            [ReasonCodes.OnboardingForBuyingSignal] = "Material de puesta en marcha ante una señal de compra",
            [ReasonCodes.FollowUpForBuyingSignal] = "Plantilla de seguimiento ante una señal de compra",
            [ReasonCodes.Language] = "En {0}, el idioma solicitado",
            [ReasonCodes.TextMatch] = "Su contenido encaja con el registro y la conversación",
            [ReasonCodes.UsedByTeam + One] = "Tu equipo lo usó en 1 conversación",
            [ReasonCodes.UsedByTeam] = "Tu equipo lo usó en {0} conversaciones",
            [ReasonCodes.RatedHelpful + One] = "Tu equipo lo valoró como útil 1 vez",
            [ReasonCodes.RatedHelpful] = "Tu equipo lo valoró como útil {0} veces",
        }),
        ["fr"] = new("fr", ["anglais", "espagnol", "français", "allemand", "chinois mandarin"], new()
        {
            [ReasonCodes.BattlecardNamed] = "Battlecard {0}, concurrent cité pendant l'échange",
            [ReasonCodes.CompetitorNamed] = "Traite de {0}, concurrent cité pendant l'échange",
            [ReasonCodes.BattlecardOnRecord] = "Battlecard {0}, concurrent identifié sur cette fiche",
            [ReasonCodes.CompetitorOnRecord] = "Traite de {0}, concurrent identifié sur cette fiche",
            [ReasonCodes.Stage] = "Adapté à l'étape : {0}",
            [ReasonCodes.Industry] = "Adapté au secteur : {0}",
            [ReasonCodes.Persona] = "Conçu pour : {0}",
            [ReasonCodes.Product] = "Couvre le produit : {0}",
            [ReasonCodes.RoiCaseStudyForPrice] = "Étude de cas ROI pour répondre à l'objection prix",
            [ReasonCodes.PricingSheetForPrice] = "Grille tarifaire pour répondre à l'objection prix",
            [ReasonCodes.RoiForPrice] = "Montre le retour sur investissement face à l'objection prix",
            [ReasonCodes.PricingSheetForPricingQuestion] = "Grille tarifaire pour la question sur les prix",
            [ReasonCodes.ProofForTrust] = "Preuve client pour lever les doutes",
            [ReasonCodes.EvidenceForTrust] = "Des éléments concrets pour lever les doutes",
            [ReasonCodes.CostOfWaitingForTiming] = "Montre ce que coûte l'attente, face à l'objection calendrier",
            [ReasonCodes.ShareableForAuthority] = "Facile à transmettre au décideur",
            [ReasonCodes.ValueForNeed] = "Met en avant la valeur pour un client qui doute du besoin",
            [ReasonCodes.OnboardingForBuyingSignal] = "Support de démarrage, suite à un signal d'achat",
            [ReasonCodes.FollowUpForBuyingSignal] = "Modèle de relance, suite à un signal d'achat",
            [ReasonCodes.Language] = "En {0}, la langue demandée",
            [ReasonCodes.TextMatch] = "Son contenu correspond à la fiche et à l'échange",
            [ReasonCodes.UsedByTeam + One] = "Utilisé par votre équipe dans 1 échange",
            [ReasonCodes.UsedByTeam] = "Utilisé par votre équipe dans {0} échanges",
            [ReasonCodes.RatedHelpful + One] = "Jugé utile par votre équipe 1 fois",
            [ReasonCodes.RatedHelpful] = "Jugé utile par votre équipe {0} fois",
        }),
        ["de"] = new("de", ["Englisch", "Spanisch", "Französisch", "Deutsch", "Mandarin-Chinesisch"], new()
        {
            [ReasonCodes.BattlecardNamed] = "Battlecard zu {0}, im Gespräch genannt",
            [ReasonCodes.CompetitorNamed] = "Behandelt {0}, im Gespräch genannt",
            [ReasonCodes.BattlecardOnRecord] = "Battlecard zu {0}, im Datensatz als Wettbewerber erfasst",
            [ReasonCodes.CompetitorOnRecord] = "Behandelt {0}, im Datensatz als Wettbewerber erfasst",
            [ReasonCodes.Stage] = "Passt zur Phase: {0}",
            [ReasonCodes.Industry] = "Passt zur Branche: {0}",
            [ReasonCodes.Persona] = "Geschrieben für: {0}",
            [ReasonCodes.Product] = "Behandelt das Produkt: {0}",
            [ReasonCodes.RoiCaseStudyForPrice] = "ROI-Fallstudie gegen den Preiseinwand",
            [ReasonCodes.PricingSheetForPrice] = "Preisliste zum Preiseinwand",
            [ReasonCodes.RoiForPrice] = "Zeigt den ROI, passend zum Preiseinwand",
            [ReasonCodes.PricingSheetForPricingQuestion] = "Preisliste zur Preisfrage",
            [ReasonCodes.ProofForTrust] = "Kundenreferenz gegen die Zweifel des Kunden",
            [ReasonCodes.EvidenceForTrust] = "Belege gegen die Zweifel des Kunden",
            [ReasonCodes.CostOfWaitingForTiming] = "Zeigt, was Abwarten kostet, passend zum Einwand zum Zeitpunkt",
            [ReasonCodes.ShareableForAuthority] = "Leicht an die Entscheider weiterzugeben",
            [ReasonCodes.ValueForNeed] = "Zeigt den Nutzen, wenn der Kunde keinen Bedarf sieht",
            [ReasonCodes.OnboardingForBuyingSignal] = "Onboarding-Material zum Kaufsignal",
            [ReasonCodes.FollowUpForBuyingSignal] = "Follow-up-Vorlage zum Kaufsignal",
            [ReasonCodes.Language] = "Auf {0}, wie angefragt",
            [ReasonCodes.TextMatch] = "Der Inhalt passt zum Datensatz und zum Gespräch",
            [ReasonCodes.UsedByTeam + One] = "Von Ihrem Team in 1 Gespräch eingesetzt",
            [ReasonCodes.UsedByTeam] = "Von Ihrem Team in {0} Gesprächen eingesetzt",
            [ReasonCodes.RatedHelpful + One] = "Von Ihrem Team 1-mal als hilfreich bewertet",
            [ReasonCodes.RatedHelpful] = "Von Ihrem Team {0}-mal als hilfreich bewertet",
        }),
        ["zh"] = new("zh", ["英文", "西班牙文", "法文", "德文", "中文"], new()
        {
            [ReasonCodes.BattlecardNamed] = "{0} 竞品应对卡，对话中提到了该竞品",
            [ReasonCodes.CompetitorNamed] = "涉及 {0}，对话中提到了该竞品",
            [ReasonCodes.BattlecardOnRecord] = "{0} 竞品应对卡，该记录中登记了此竞品",
            [ReasonCodes.CompetitorOnRecord] = "涉及 {0}，该记录中登记了此竞品",
            [ReasonCodes.Stage] = "匹配销售阶段：{0}",
            [ReasonCodes.Industry] = "匹配行业：{0}",
            [ReasonCodes.Persona] = "适用对象：{0}",
            [ReasonCodes.Product] = "涉及产品：{0}",
            [ReasonCodes.RoiCaseStudyForPrice] = "ROI 客户案例，应对价格异议",
            [ReasonCodes.PricingSheetForPrice] = "价格表，应对价格异议",
            [ReasonCodes.RoiForPrice] = "展示投资回报，应对价格异议",
            [ReasonCodes.PricingSheetForPricingQuestion] = "价格表，解答价格咨询",
            [ReasonCodes.ProofForTrust] = "客户案例，打消客户顾虑",
            [ReasonCodes.EvidenceForTrust] = "佐证材料，打消客户顾虑",
            [ReasonCodes.CostOfWaitingForTiming] = "说明推迟的代价，应对时机异议",
            [ReasonCodes.ShareableForAuthority] = "便于转给决策人",
            [ReasonCodes.ValueForNeed] = "展示价值，应对需求异议",
            [ReasonCodes.OnboardingForBuyingSignal] = "上线准备材料，跟进购买信号",
            [ReasonCodes.FollowUpForBuyingSignal] = "跟进邮件模板，把握购买信号",
            [ReasonCodes.Language] = "{0}内容，符合所选语言",
            [ReasonCodes.TextMatch] = "内容与记录和对话高度相关",
            [ReasonCodes.UsedByTeam] = "团队已在 {0} 次对话中使用",
            [ReasonCodes.RatedHelpful] = "团队 {0} 次评为有用",
        }),
    });

    private readonly string[] _languageNames;
    private readonly Dictionary<string, string> _templates;

    private ReasonTexts(string language, string[] languageNames, Dictionary<string, string> templates)
    {
        Language = language;
        _languageNames = languageNames;
        _templates = templates;
    }

    /// <summary>en, es, fr, de or zh.</summary>
    public string Language { get; }

    /// <summary>The texts of a language; "fr-CA" resolves to "fr", anything unknown (or none) to English.</summary>
    public static ReasonTexts For(string? language) => ByLanguage.For(language);

    public LocalizedText Write(PendingReason reason)
    {
        var value = reason.Code == ReasonCodes.Language ? LanguageName(reason.Value) : reason.Value;
        var template = reason.Value == "1" && _templates.TryGetValue(reason.Code + One, out var singular) ? singular
            : _templates.GetValueOrDefault(reason.Code) ?? ByLanguage.English._templates.GetValueOrDefault(reason.Code) ?? reason.Code;
        var text = string.Format(CultureInfo.InvariantCulture, template, value);
        return reason.Key is null ? LocalizedText.Create(reason.Code, text) : LocalizedText.Create(reason.Code, text, (reason.Key, reason.Value ?? ""));
    }

    /// <summary>The language's name in this language; <c>_languageNames</c> follows <see cref="ContentLanguages.All"/>.</summary>
    private string? LanguageName(string? code) =>
        code is not null && (ContentLanguages.All as IList<string>)!.IndexOf(code) is var i and >= 0 ? _languageNames[i] : code;
}
