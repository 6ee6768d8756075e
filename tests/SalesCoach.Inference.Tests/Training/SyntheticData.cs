using SalesCoach.Inference.Data;

namespace SalesCoach.Inference.Tests.Training;

/// <summary>A small labelled set generated from templates: enough signal to learn, noisy enough not to be trivial.</summary>
internal static class SyntheticData
{
    private static readonly Dictionary<string, string[]> Cues = new()
    {
        ["price"] = ["too expensive", "the price is high", "cheaper elsewhere", "over our budget", "costs too much"],
        ["competitor"] = ["we use acme", "the other vendor", "their product does it", "switching from rival", "competitor offers"],
        ["timing"] = ["not this quarter", "maybe next year", "call me later", "no time right now", "after the holidays"],
        ["none"] = ["the weather is nice", "good morning everyone", "let me share my screen", "can you hear me", "thanks for joining"],
    };

    private static readonly string[] Fillers = ["honestly", "well", "so", "i think", "you know", "to be fair", "right", "look"];

    public static List<LabeledExample> Create(int perLabel, int seed, bool multiLabel = false)
    {
        var random = new Random(seed);
        var labels = Cues.Keys.ToArray();
        var rows = new List<LabeledExample>();
        for (var i = 0; i < perLabel; i++)
        {
            foreach (var label in labels)
            {
                var text = $"{Pick(random, Fillers)} {Pick(random, Cues[label])} {Pick(random, Fillers)}";
                if (multiLabel && label != "none" && random.Next(3) == 0)
                {
                    var other = labels[random.Next(labels.Length - 1)];
                    if (other != label)
                    {
                        rows.Add(new LabeledExample($"{text} and {Pick(random, Cues[other])}", [label, other]));
                        continue;
                    }
                }

                rows.Add(new LabeledExample(text, [label]));
            }
        }

        return rows;
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    /// <summary>
    /// Short answers whose label lives in the other side's previous turn: a "no" after a budget question is a price
    /// objection, after any other question it is no signal; a "yes" is no signal after either.
    /// </summary>
    public static List<LabeledExample> ContextAnswers(int perCase, int seed)
    {
        string[] budget = ["is the budget approved?", "can you afford the annual plan?", "does the price work for you?", "is the cost ok for your team?"];
        string[] other = ["any concerns about security?", "anything else on your mind?", "any issues with the demo?", "did the login fail again?"];
        string[] no = ["not really", "no", "nope", "i don't think so", "not at all"];
        string[] yes = ["yes", "sure", "absolutely", "i think so", "yes it is"];
        var random = new Random(seed);
        var rows = new List<LabeledExample>();
        for (var i = 0; i < perCase; i++)
        {
            rows.Add(new LabeledExample(Pick(random, no), ["price"], Pick(random, budget)));
            rows.Add(new LabeledExample(Pick(random, no), ["none"], Pick(random, other)));
            rows.Add(new LabeledExample(Pick(random, yes), ["none"], Pick(random, budget)));
            rows.Add(new LabeledExample(Pick(random, yes), ["none"], Pick(random, other)));
        }

        return rows;
    }
}
