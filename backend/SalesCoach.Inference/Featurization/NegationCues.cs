using System.Collections.Frozen;

namespace SalesCoach.Inference.Featurization;

/// <summary>
/// Follows negation scopes token by token (<see cref="FeaturizerOptions.NegationScope"/>): a cue opens a scope of up to
/// <c>maxTokens</c> tokens; a clause mark before a token, a '?' or '!' token or a contrast word closes it; a cue inside a
/// scope opens a new one. Cues and contrast words are never in scope themselves. 0 tokens: nothing is ever in scope.
/// </summary>
internal struct NegationScopeState(int maxTokens)
{
    private int _left;

    /// <summary>Whether <paramref name="token"/>, just read from <paramref name="tokenizer"/>, lies in a negation's scope.</summary>
    public bool Next(ReadOnlySpan<char> token, TokenKind kind, ref Tokenizer tokenizer)
    {
        if (maxTokens == 0)
        {
            return false;
        }

        if (tokenizer.AfterBreak || NegationCues.EndsScope(token, kind, tokenizer.Rest))
        {
            _left = 0;
        }

        if (NegationCues.IsCue(token, kind, kind == TokenKind.Han ? tokenizer.HanContext() : default, tokenizer.Rest))
        {
            _left = maxTokens;
            return false;
        }

        if (_left == 0)
        {
            return false;
        }

        _left--;
        return true;
    }
}

/// <summary>
/// Negation cues and the words that end a negation's scope, for <see cref="FeaturizerOptions.NegationScope"/>. One list
/// over the five languages rather than one per detected language: sales calls switch language inside a line, detection
/// is unsure on short lines and would cost time per segment, and the lists barely collide (the one real clash, English
/// "non-" and "no-" as prefixes, is handled: a cue followed by a hyphen is no cue). Tokens are lower-cased, so are the lists.
/// </summary>
internal static class NegationCues
{
    private static readonly FrozenSet<string> Cues = FrozenSet.Create(StringComparer.Ordinal,
    [
        // en (and every "...n't" token, below)
        "not", "no", "never", "cannot", "nor", "neither", "without", "nothing", "nobody", "none", "nowhere",
        "dont", "doesnt", "didnt", "cant", "couldnt", "wouldnt", "shouldnt", "wont", "isnt", "arent", "wasnt", "werent",
        "havent", "hasnt", "hadnt", "aint", "mustnt", "neednt",
        // es
        "nunca", "jamás", "ni", "tampoco", "sin", "nada", "nadie", "ningún", "ninguno", "ninguna", "ningunos", "ningunas",
        // fr (and every "n'..." token, below). Not "plus" (alone it is "more": "plus cher") nor "personne" ("a person").
        "ne", "pas", "jamais", "aucun", "aucune", "sans", "non", "rien", "nul", "nulle",
        // de
        "nicht", "nichts", "nie", "niemals", "niemand", "nirgends", "nirgendwo", "ohne", "weder", "nein",
        "kein", "keine", "keinen", "keinem", "keiner", "keines", "keinerlei",
    ]);

    private static readonly FrozenSet<string> Contrast = FrozenSet.Create(StringComparer.Ordinal,
    [
        "but", "however", "although", "though", "except", "whereas",
        "pero", "sino", "aunque", "excepto", "salvo",
        "mais", "cependant", "pourtant", "sauf", "toutefois",
        "aber", "sondern", "doch", "jedoch", "trotzdem", "allerdings", "außer", "ausser", "obwohl",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CueLookup = Cues.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ContrastLookup = Contrast.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Whether <paramref name="token"/> opens a negation scope. <paramref name="before"/> holds the Han characters of its
    /// run up to and including it (<see cref="Tokenizer.HanContext"/>), <paramref name="rest"/> the text after it.
    /// </summary>
    public static bool IsCue(ReadOnlySpan<char> token, TokenKind kind, ReadOnlySpan<char> before, ReadOnlySpan<char> rest)
    {
        if (kind == TokenKind.Han)
        {
            return IsHanCue(token[0], before.Length >= 2 ? before[^2] : '\0', rest.IsEmpty ? '\0' : rest[0]);
        }

        if (kind != TokenKind.Word || (!rest.IsEmpty && rest[0] == '-'))
        {
            return false;
        }

        if (token.EndsWith("n't"))
        {
            return true;
        }

        if (token.StartsWith("n'"))
        {
            return !token.StartsWith("n'import");
        }

        // "sin embargo" is "however".
        return CueLookup.Contains(token) && !(token.SequenceEqual("sin") && rest.TrimStart().StartsWith("embargo"));
    }

    /// <summary>Whether <paramref name="token"/> is a contrast word (but, pero, mais, aber, 但是...), which ends a scope.</summary>
    public static bool EndsScope(ReadOnlySpan<char> token, TokenKind kind, ReadOnlySpan<char> rest)
    {
        if (kind == TokenKind.Han)
        {
            var next = rest.IsEmpty ? '\0' : rest[0];
            return token[0] switch
            {
                '但' or '却' => true,
                '可' => next == '是',
                '不' => next == '过',
                '然' => next == '而',
                _ => false,
            };
        }

        return kind == TokenKind.Punctuation
            || (kind == TokenKind.Word && (ContrastLookup.Contains(token) || (token.SequenceEqual("sin") && rest.TrimStart().StartsWith("embargo"))));
    }

    /// <summary>
    /// Mandarin negators: 不, 没 (没有), 无, 未, 别, 勿. Not a cue: the A-not-A question (能不能, 有没有: "can you?", "is
    /// there?"), 不过 (but), 不管 / 不论 / 无论 (no matter), 不仅 / 不但 (not only), 未来 (future), 无锡 (a city), 无线
    /// (wireless), and 别 inside a word (特别 "especially", 区别, 识别, 级别, 告别...) or as "other" (别的, 别人).
    /// </summary>
    private static bool IsHanCue(char c, char previous, char next) => c switch
    {
        '不' => !IsAnotA(previous, next) && next is not ('过' or '管' or '论' or '仅' or '但'),
        '没' => !IsAnotA(previous, next),
        '无' => next is not ('论' or '锡' or '线'),
        '未' => next != '来',
        '别' => next is not ('的' or '人') && previous is not ('特' or '区' or '识' or '级' or '类' or '分' or '个' or '告' or '道' or '差' or '辨' or '鉴' or '性' or '派' or '离'),
        '勿' => true,
        _ => false,
    };

    private static bool IsAnotA(char previous, char next) => previous != '\0' && previous == next;
}
