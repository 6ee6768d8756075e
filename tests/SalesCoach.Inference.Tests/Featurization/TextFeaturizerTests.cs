using SalesCoach.Inference.Featurization;

namespace SalesCoach.Inference.Tests.Featurization;

public class TextFeaturizerTests
{
    private static readonly TextFeaturizer Featurizer = new(new FeaturizerOptions());

    private static long[] Ids(string text)
    {
        var buffer = Featurizer.CreateBuffer();
        Featurizer.Featurize(text, buffer);
        return buffer.IdSpan.ToArray();
    }

    [Fact]
    public void Featurize_FullWidthAndUpperCase_SameAsPlainLowerCase()
    {
        Assert.Equal(Ids("hello world"), Ids("ＨＥＬＬＯ World"));
    }

    [Fact]
    public void Featurize_TurkishCurrentCulture_LowerCasedInvariantly()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
            Assert.Equal(Ids("price"), Ids("PRICE"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Featurize_DifferentNumbers_SameFeatures()
    {
        Assert.Equal(Ids("we pay 1,000.50 per seat"), Ids("we pay 37 per seat"));
        Assert.NotEqual(Ids("we pay 37 per seat"), Ids("we pay many per seat"));
    }

    [Fact]
    public void Featurize_DifferentUrlsAndEmails_SameFeatures()
    {
        Assert.Equal(Ids("see https://example.com/a?b=1 now"), Ids("see www.other.org now"));
        Assert.Equal(Ids("mail ann@example.com today"), Ids("mail bob.smith@corp.io today"));
    }

    [Fact]
    public void Featurize_CurlyApostrophe_SameAsStraight()
    {
        Assert.Equal(Ids("don't"), Ids("don\u2019t"));
    }

    [Fact]
    public void Featurize_HanText_CharacterUnigramsBigramsTrigrams()
    {
        // 3 characters: 3 unigrams + 2 bigrams + 1 trigram; no word n-grams or char n-grams on top.
        Assert.Equal(6, Ids("太贵了").Length);
        Assert.Equal(Ids("太贵了"), Ids("太贵了。"));
        Assert.NotEqual(Ids("太贵了"), Ids("了贵太"));
    }

    [Fact]
    public void Featurize_Word_UnigramAndBoundedCharNgrams()
    {
        // "<ab>" (4 chars), n-grams 3..5: two 3-grams (the 4-gram is the whole word) + the unigram.
        Assert.Equal(3, Ids("ab").Length);
        // Two words add one bigram.
        Assert.Equal(7, Ids("ab cd").Length);
        // "<abcdef>" (8 chars): 3-grams 6 + 4-grams 5 + 5-grams 4 + the unigram.
        Assert.Equal(16, Ids("abcdef").Length);
    }

    [Fact]
    public void Featurize_Weights_AverageOverFeatures()
    {
        var buffer = Featurizer.CreateBuffer();
        var count = Featurizer.Featurize("the price is too high", buffer);
        Assert.All(buffer.WeightSpan.ToArray(), w => Assert.Equal(1f / count, w));
        Assert.All(buffer.IdSpan.ToArray(), id => Assert.InRange(id, 0, Featurizer.Options.Buckets - 1));
    }

    [Fact]
    public void Featurize_VeryLongText_CappedAtMaxFeatures()
    {
        var text = string.Join(' ', Enumerable.Range(0, 5000).Select(i => $"word{i}x"));
        Assert.Equal(Featurizer.Options.MaxFeatures, Ids(text).Length);
    }

    [Fact]
    public void Featurize_EmptyOrPunctuation_NoFeatures()
    {
        Assert.Empty(Ids(""));
        Assert.Empty(Ids(" ... ,,, "));
    }

    [Fact]
    public void Featurize_NewInstance_SameIds()
    {
        var other = new TextFeaturizer(new FeaturizerOptions());
        var buffer = other.CreateBuffer();
        other.Featurize("Is there a discount for annual plans?", buffer);
        Assert.Equal(Ids("Is there a discount for annual plans?"), buffer.IdSpan.ToArray());
    }
}

public class TextFeaturizerContextTests
{
    // Many buckets, so the disjointness checks below are not at the mercy of a chance collision.
    private static readonly FeaturizerOptions Context = new() { Buckets = 1 << 24, ContextNgrams = 2 };

    private static long[] Ids(FeaturizerOptions options, string text, string? context = null)
    {
        var featurizer = new TextFeaturizer(options);
        var buffer = featurizer.CreateBuffer();
        featurizer.Featurize(text, context, buffer);
        return buffer.IdSpan.ToArray();
    }

    [Fact]
    public void Featurize_Context_AppendsWordNgramsDistinctFromTheSameWordsAsText()
    {
        var alone = Ids(Context, "not really");
        var withContext = Ids(Context, "not really", "Is the budget approved?");
        Assert.Equal(alone, withContext[..alone.Length]);
        var contextPart = withContext[alone.Length..];
        // is, the, budget, approved, ? and the four pairs of neighbours; no character n-grams.
        Assert.Equal(9, contextPart.Length);
        // The same words as text are other features: context is a namespace of its own.
        Assert.Empty(contextPart.Intersect(Ids(Context, "Is the budget approved?")));
        Assert.Empty(contextPart.Intersect(alone));
        // Unigrams only: the five tokens.
        Assert.Equal(alone.Length + 5, Ids(Context with { ContextNgrams = 1 }, "not really", "Is the budget approved?").Length);
    }

    [Fact]
    public void Featurize_EmptyContext_NoContextFeatures()
    {
        var alone = Ids(Context, "Sure, I can do that");
        Assert.Equal(alone, Ids(Context, "Sure, I can do that", ""));
        Assert.Equal(alone, Ids(Context, "Sure, I can do that", null));
        Assert.Equal(alone, Ids(Context, "Sure, I can do that", " ... ,,, "));
    }

    [Fact]
    public void Featurize_ContextOff_ContextChangesNothing()
    {
        // What every model trained without context (and every model file older than the setting) reads.
        var off = new FeaturizerOptions { Buckets = 1 << 24 };
        Assert.Equal(Ids(off, "not right now"), Ids(off, "not right now", "Would you donate $1?"));
        Assert.Equal(Ids(off, "not right now"), Ids(Context, "not right now"));
    }

    [Fact]
    public void Featurize_Context_DeterministicAcrossInstancesAndOrderSensitive()
    {
        Assert.Equal(Ids(Context, "nope", "Can we book the demo for Tuesday?"), Ids(Context, "nope", "Can we book the demo for Tuesday?"));
        Assert.NotEqual(Ids(Context, "nope", "Can we book the demo for Tuesday?"), Ids(Context, "nope", "Can we book the demo for Friday?"));
        // Bigrams follow word order.
        Assert.NotEqual(Ids(Context, "nope", "demo the book"), Ids(Context, "nope", "book the demo"));
    }

    [Fact]
    public void Featurize_ContextLastSentence_OnlyTheClosingSentenceCounts()
    {
        var last = Context with { ContextLastSentence = true };
        Assert.Equal(Ids(last, "sure", "Would you donate $1.50?"), Ids(last, "sure", "That's great. Thanks! Would you donate $1.50?"));
        Assert.Equal(Ids(last, "好的", "你愿意捐一美元吗？"), Ids(last, "好的", "太好了。你愿意捐一美元吗？"));
        // Without the setting the whole context counts.
        Assert.NotEqual(Ids(Context, "sure", "Would you donate $1.50?"), Ids(Context, "sure", "That's great. Would you donate $1.50?"));
    }

    [Fact]
    public void Featurize_ContextPairs_OnlyForShortTexts()
    {
        var pairs = Context with { ContextNgrams = 1, ContextPairWords = 3 };
        var unigrams = Context with { ContextNgrams = 1 };
        // "not really" (2 tokens) after 5 context tokens: 5 x 2 pairs on top of the unigrams.
        Assert.Equal(Ids(unigrams, "not really", "Is the budget approved?").Length + 10, Ids(pairs, "not really", "Is the budget approved?").Length);
        // Four tokens are more than 3: no pairs.
        Assert.Equal(Ids(unigrams, "not really, not yet", "Is the budget approved?"), Ids(pairs, "not really, not yet", "Is the budget approved?"));
    }

    [Fact]
    public void Validate_ContextSettingsOutOfRange_Throw()
    {
        Assert.Throws<ArgumentException>(() => new TextFeaturizer(new FeaturizerOptions { ContextNgrams = 3 }));
        Assert.Throws<ArgumentException>(() => new TextFeaturizer(new FeaturizerOptions { ContextPairWords = FeaturizerOptions.MaxContextPairWords + 1 }));
    }
}
