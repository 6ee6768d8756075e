using SalesCoach.Inference.Featurization;

namespace SalesCoach.Inference.Tests.Featurization;

public class LanguageDetectorTests
{
    // Held-out sentences: written for this test, never used to build the profiles.
    private static readonly (string Expected, string Text)[] HeldOut =
    [
        ("en", "Could you send me the contract before Friday?"),
        ("en", "Honestly the other vendor quoted us a lot less."),
        ("en", "We already use a competitor for our reporting."),
        ("en", "Let me check with my manager and get back to you."),
        ("en", "Our budget for next quarter is frozen."),
        ("en", "Sounds great, let's schedule a demo."),
        ("es", "¿Podría enviarme la propuesta antes del viernes?"),
        ("es", "Ya trabajamos con otro proveedor desde hace años."),
        ("es", "El presupuesto de este año está cerrado."),
        ("es", "Tengo que hablar con mi jefe primero."),
        ("es", "Nos parece demasiado caro para una empresa pequeña."),
        ("es", "Perfecto, podemos empezar la prueba mañana."),
        ("fr", "Pourriez-vous m'envoyer le devis avant vendredi ?"),
        ("fr", "Nous travaillons déjà avec un autre fournisseur."),
        ("fr", "Le budget de cette année est déjà utilisé."),
        ("fr", "Je dois en parler à mon responsable d'abord."),
        ("fr", "C'est beaucoup trop cher pour une petite entreprise."),
        ("fr", "Très bien, on peut commencer l'essai demain."),
        ("de", "Könnten Sie mir das Angebot bis Freitag schicken?"),
        ("de", "Wir arbeiten schon seit Jahren mit einem anderen Anbieter."),
        ("de", "Das Budget für dieses Jahr ist leider aufgebraucht."),
        ("de", "Ich muss das zuerst mit meinem Chef besprechen."),
        ("de", "Das ist für ein kleines Unternehmen viel zu teuer."),
        ("de", "Gut, dann starten wir morgen mit dem Test."),
        ("zh", "你们的价格比竞争对手高很多。"),
        ("zh", "我需要先和我的经理商量一下。"),
        ("zh", "我们已经在用另一家供应商了。"),
        ("zh", "可以在周五之前把合同发给我吗？"),
        ("zh", "今年的预算已经用完了。"),
        ("zh", "好的，我们明天开始试用吧。"),
    ];

    [Fact]
    public void Detect_HeldOutSet_AtLeastNinetyPercentAndFourOfSixPerLanguage()
    {
        var rows = HeldOut;
        var wrong = rows.Where(r => LanguageDetector.Detect(r.Text).Language != r.Expected).ToList();
        var detail = string.Join("; ", wrong.Select(w => $"{w.Expected}: {w.Text} -> {LanguageDetector.Detect(w.Text).Language}"));
        Assert.True(wrong.Count <= 0.1 * rows.Length, detail);
        Assert.All(wrong.GroupBy(w => w.Expected), g => Assert.True(g.Count() <= 2, detail));
    }

    [Fact]
    public void Detect_NoLetters_Undetermined()
    {
        Assert.Equal(LanguageDetector.Undetermined, LanguageDetector.Detect("12345 !!!").Language);
    }

    [Fact]
    public void Detect_MandarinWithLatinBrandName_Mandarin()
    {
        Assert.Equal("zh", LanguageDetector.Detect("Salesforce的价格太贵了").Language);
    }
}
