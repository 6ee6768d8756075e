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
}
