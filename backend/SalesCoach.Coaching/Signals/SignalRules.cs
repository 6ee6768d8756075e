using SalesCoach.Coaching.Metrics;
using SalesCoach.Storage.Signals;

namespace SalesCoach.Coaching.Signals;

/// <summary>
/// What rules do better than a model: the tenant's own competitor names (from its playbook)
/// raise <c>competitor</c> with certainty. Names match whole words, case-insensitively;
/// Chinese names match as substrings. Built once per playbook version.
/// </summary>
public sealed class SignalRules
{
    private readonly List<string[]> _wordNames = [];
    private readonly List<string> _cjkNames = [];

    public SignalRules(IEnumerable<string> competitors)
    {
        foreach (var name in competitors.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            if (name.Any(Words.IsCjk))
            {
                _cjkNames.Add(name);
            }
            else
            {
                _wordNames.Add(Words.Split(name).Select(w => w.ToLowerInvariant()).ToArray());
            }
        }
    }

    public static SignalRules Empty { get; } = new([]);

    /// <summary>True when <paramref name="text"/> names one of the tenant's competitors.</summary>
    public bool MentionsCompetitor(string text)
    {
        foreach (var name in _cjkNames)
        {
            if (text.Contains(name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (_wordNames.Count == 0)
        {
            return false;
        }

        var words = Words.Split(text);
        for (var i = 0; i < words.Count; i++)
        {
            foreach (var name in _wordNames)
            {
                if (name.Length > 0 && i + name.Length <= words.Count && Matches(words, i, name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Model labels plus rule labels; a rule hit scores 1.</summary>
    public IReadOnlyList<SignalScore> Apply(string text, IReadOnlyList<SignalScore> modelLabels)
    {
        if (!MentionsCompetitor(text) || modelLabels.Any(l => l.Label == SignalLabels.Competitor && l.Score >= 1f))
        {
            return modelLabels;
        }

        return [.. modelLabels.Where(l => l.Label != SignalLabels.Competitor), new SignalScore(SignalLabels.Competitor, 1f)];
    }

    private static bool Matches(List<string> words, int index, string[] name)
    {
        for (var p = 0; p < name.Length; p++)
        {
            if (!string.Equals(words[index + p], name[p], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
