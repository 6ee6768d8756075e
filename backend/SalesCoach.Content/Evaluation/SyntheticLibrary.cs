using SalesCoach.Content.Library;
using SalesCoach.Content.Ranking;

namespace SalesCoach.Content.Evaluation;

/// <summary>
/// Generated items and queries for the latency benchmark. Words and metadata values are drawn
/// from a seed library (the demo library), so term statistics, languages and metadata spread
/// look like a real library's, scaled up.
/// </summary>
public sealed class SyntheticLibrary
{
    private readonly IReadOnlyList<ContentDraft> _seed;
    private readonly Random _random;
    private readonly string[][] _words;
    private readonly string[] _industries;
    private readonly string[] _products;
    private readonly string[] _competitors;
    private readonly string[] _stages;
    private readonly string[] _personas;

    public SyntheticLibrary(IReadOnlyList<ContentDraft> seed, int randomSeed)
    {
        if (seed.Count == 0)
        {
            throw new ArgumentException("The synthetic library needs seed items.", nameof(seed));
        }

        _seed = seed;
        _random = new Random(randomSeed);
        _words = [.. seed.Select(d => $"{d.Title} {d.Summary} {d.Body}".Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        _industries = Pool(seed.SelectMany(d => d.Industries));
        _products = Pool(seed.SelectMany(d => d.Products));
        _competitors = Pool(seed.SelectMany(d => d.Competitors));
        _stages = Pool(seed.SelectMany(d => d.Stages));
        _personas = Pool(seed.SelectMany(d => d.Personas));
    }

    public ContentDraft NextItem()
    {
        var topic = _random.Next(_seed.Count);
        var template = _seed[topic];
        var title = string.Join(' ', Sample(_words[topic], 8));
        var body = string.Join(' ', Sample(_words[topic], 90).Concat(Sample(_words[_random.Next(_words.Length)], 30)));
        return template with
        {
            ExternalId = null,
            Title = title.Length > ContentLimits.TitleLength ? title[..ContentLimits.TitleLength] : title,
            Summary = null,
            Body = body,
            Industries = Pick(_industries, 2),
            Products = Pick(_products, 2),
            Competitors = _random.Next(3) == 0 ? Pick(_competitors, 1) : [],
            Stages = Pick(_stages, 2),
            Personas = Pick(_personas, 1),
        };
    }

    public RecommendationQuery NextQuery(int limit)
    {
        var topic = _random.Next(_seed.Count);
        var conversation = new List<string>
        {
            "customer: " + string.Join(' ', Sample(_words[topic], 18)),
            "rep: " + string.Join(' ', Sample(_words[topic], 12)),
            "customer: " + string.Join(' ', Sample(_words[_random.Next(_words.Length)], 15)),
        };
        var context = new RecordContext("salesforce", "Opportunity", One(_stages), One(_industries), Pick(_products, 1), Pick(_competitors, 1), One(_personas));
        return new RecommendationQuery(context, conversation, _seed[topic].Language, 5);
    }

    private IEnumerable<string> Sample(string[] words, int count) =>
        words.Length == 0 ? [] : Enumerable.Range(0, count).Select(_ => words[_random.Next(words.Length)]);

    private List<string> Pick(string[] pool, int max) =>
        pool.Length == 0 ? [] : [.. Enumerable.Range(0, 1 + _random.Next(max)).Select(_ => pool[_random.Next(pool.Length)]).Distinct()];

    private string? One(string[] pool) => pool.Length == 0 ? null : pool[_random.Next(pool.Length)];

    private static string[] Pool(IEnumerable<string> values) => [.. values.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
}
