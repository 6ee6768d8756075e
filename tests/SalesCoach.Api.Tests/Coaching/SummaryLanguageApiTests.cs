using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesCoach.Storage.Database;
using static SalesCoach.Api.Tests.Coaching.CoachingClient;

namespace SalesCoach.Api.Tests.Coaching;

/// <summary>A discovery call held in French or Mandarin, through the real host and the shipped signal model.</summary>
public class SummaryLanguageApiTests
{
    private static readonly Dictionary<string, string[]> Calls = new()
    {
        ["fr"] =
        [
            "Bonjour Dana, merci pour votre temps. Comment se passe le trimestre ?",
            "Chargé. Franchement, ça nous paraît trop cher.",
            "Par rapport à ce que vous coûte le reporting manuel aujourd'hui ?",
            "C'est vrai. Combien coûterait l'offre pour l'équipe ?",
            "Je vous propose une démo jeudi avec votre responsable des opérations.",
            "Entendu, écrivez-moi à dana@example.com.",
        ],
        ["zh"] =
        [
            "Dana 您好，感谢您抽出时间。这个季度怎么样？",
            "挺忙的。说实话，这个价格对我们来说太贵了。",
            "和你们现在手工做报表的成本相比呢？",
            "有道理。团队版多少钱？",
            "我们周四和你们的运营负责人一起做个演示吧。",
            "好的，发邮件到 dana@example.com 找我。",
        ],
    };

    private static object[] Segments(string[] lines) =>
    [
        Segment(1, "rep", lines[0], 0, 6_000),
        Segment(2, "customer", lines[1], 7_000, 12_000),
        Segment(3, "rep", lines[2], 11_500, 16_000),
        Segment(4, "customer", lines[3], 18_000, 22_000),
        Segment(5, "rep", lines[4], 23_000, 27_000),
        Segment(6, "customer", lines[5], 28_000, 33_000),
    ];

    /// <summary>
    /// The sentences that depend only on the transcript (hand-computed: 0 to 33 s, rep 14.5 s of 28.5 s talk = 51 %, the rep's two
    /// questions and the customer's one). The test classifier knows no French or Mandarin phrase, so no next step is found.
    /// </summary>
    [Theory]
    [InlineData(StorageProvider.Sqlite, "fr",
        "Durée de l'appel : 0:33 (6 interventions). Le commercial a parlé 51 % du temps et posé 2 questions ; le client en a posé 1. "
        + "Aucune prochaine étape n'a été convenue.")]
    [InlineData(StorageProvider.Postgres, "zh", "通话时长 0:33，共 6 段发言。销售发言占比 51%，提问 2 次；客户提问 1 次。未约定后续步骤。")]
    public async Task Complete_CallInTheRepsLanguage_SummaryWrittenInThatLanguage(StorageProvider provider, string language, string expected)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync();
        var id = await client.CreateInteractionAsync(new { crm = "hubspot", recordType = "deal", recordId = "42", repId = "rep-1", language, channel = "call" });
        await client.PostSegmentsAsync(id, Segments(Calls[language]));

        var completed = await client.PostAsync($"/api/v1/interactions/{id}/complete", null);

        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var summary = await completed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(expected, summary.GetProperty("summary").GetString());
        Assert.Equal(language, summary.GetProperty("language").GetString());
        Assert.Equal(["overview", "talk", "no_next_step"], summary.GetProperty("summaryDetails").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal("0.509", summary.GetProperty("summaryDetails")[1].GetProperty("params").GetProperty("repTalkShare").GetString());
        var warning = Assert.Single(summary.GetProperty("warningDetails").EnumerateArray());
        Assert.Equal("no_next_step", warning.GetProperty("code").GetString());
        Assert.Equal(warning.GetProperty("text").GetString(), Assert.Single(summary.GetProperty("warnings").EnumerateArray()).GetString());
        Assert.EndsWith(warning.GetProperty("text").GetString()!, expected, StringComparison.Ordinal);
        Assert.Equal(await completed.Content.ReadAsStringAsync(), await client.GetStringAsync($"/api/v1/interactions/{id}/summary"));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.Postgres)]
    public async Task Complete_SpanishCall_DetectedSignalsAreNamedInSpanish(StorageProvider provider)
    {
        var (store, factory) = await CoachingApiFactory.CreateAsync(provider);
        await using var _ = store;
        await using var __ = factory;
        var (_, client) = await factory.NewTenantClientAsync();
        var id = await client.CreateInteractionAsync(new { crm = "hubspot", recordType = "deal", recordId = "42", repId = "rep-1", language = "es", channel = "call" });
        await client.PostSegmentsAsync(id,
            Segment(1, "rep", "Gracias por su tiempo. ¿Cómo va el trimestre?", 0, 5_000),
            Segment(2, "customer", "Bien, pero la verdad es que nos parece demasiado caro.", 6_000, 11_000),
            Segment(3, "rep", "¿Comparado con lo que les cuesta hoy el reporting manual?", 12_000, 16_000),
            Segment(4, "customer", "Es cierto. Lo hablo con mi equipo.", 17_000, 20_000));

        var summary = await (await client.PostAsync($"/api/v1/interactions/{id}/complete", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(
            "La llamada duró 0:20 (4 intervenciones). El vendedor habló el 53 % del tiempo e hizo 2 preguntas; el cliente, ninguna. "
            + "1 objeción (precio), 1 resuelta. No se acordó ningún próximo paso.",
            summary.GetProperty("summary").GetString());
        var signal = Assert.Single(summary.GetProperty("signals").EnumerateArray());
        Assert.Equal(("objection_price", "Objeción de precio"), (signal.GetProperty("label").GetString(), signal.GetProperty("name").GetString()));
        Assert.Equal("Objeción de precio", Assert.Single(summary.GetProperty("objections").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(["No se acordó ningún próximo paso."], summary.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }
}
