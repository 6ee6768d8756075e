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

public class TextFeaturizerNegationTests
{
    // No character n-grams and many buckets: a word is one unigram id, and chance collisions do not blur the checks.
    private static readonly FeaturizerOptions Words = new() { Buckets = 1 << 24, CharNgramMin = 0, CharNgramMax = 0 };
    private static readonly FeaturizerOptions Add = Words with { NegationScope = 6 };
    private static readonly FeaturizerOptions Replace = Add with { NegationReplaces = true };

    private static long[] Ids(FeaturizerOptions options, string text)
    {
        var featurizer = new TextFeaturizer(options);
        var buffer = featurizer.CreateBuffer();
        featurizer.Featurize(text, buffer);
        return buffer.IdSpan.ToArray();
    }

    /// <summary>The tokens the featurizer marks as negated, in order (the text lower-cased as the featurizer does).</summary>
    private static string Scoped(string text, int scope = 6)
    {
        var lower = text.Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant().Replace('\u2019', '\'');
        var tokenizer = new Tokenizer(lower);
        var state = new NegationScopeState(scope);
        var scoped = new System.Text.StringBuilder();
        var previousHan = false;
        while (tokenizer.Next(out var token, out var kind))
        {
            if (state.Next(token, kind, ref tokenizer))
            {
                // Han characters run together, as written.
                scoped.Append(scoped.Length > 0 && !(previousHan && kind == TokenKind.Han) ? " " : "").Append(token);
                previousHan = kind == TokenKind.Han;
            }
        }

        return scoped.ToString();
    }

    [Theory]
    // en: not, n't with and without the apostrophe (curly too), never, no, without, cannot; up to the clause mark.
    [InlineData("I do not want to make a donation today.", "want to make a donation today")]
    [InlineData("We don't want to sign this quarter, we're busy.", "want to sign this quarter")]
    [InlineData("We don\u2019t want to sign", "want to sign")]
    [InlineData("i dont think we need it", "think we need it")]
    [InlineData("Never again. No budget left", "again budget left")]
    [InlineData("We cannot do it without approval from legal", "do it approval from legal")]
    // es: no, nunca, sin, ni; "sin embargo" is "however", not a cue.
    [InlineData("No quiero hacer una donación hoy", "quiero hacer una donación hoy")]
    [InlineData("Nunca firmamos sin ver una demo", "firmamos ver una demo")]
    [InlineData("Es caro, sin embargo lo pensaré", "")]
    // fr: ne/n' opens the scope, pas or aucun inside it opens a new one; n'importe is no negation.
    [InlineData("Nous ne voulons pas signer ce trimestre", "voulons signer ce trimestre")]
    [InlineData("On n'a aucun budget", "budget")]
    [InlineData("n'importe quel jour me va", "")]
    [InlineData("On veut pas changer de CRM", "changer de crm")]
    // de: nicht, kein*, nie, ohne (German puts nicht late: only what follows it is in scope).
    [InlineData("Wir haben kein Budget dafür", "budget dafür")]
    [InlineData("Ohne Freigabe vom Betriebsrat geht nichts", "freigabe vom betriebsrat geht")]
    [InlineData("Das wollen wir nicht unterschreiben", "unterschreiben")]
    // zh: each Han character a token; 不, 没, 无, 未 open a scope up to '，' / '。' or 但是.
    [InlineData("我们今年不考虑这个项目，明年再说", "考虑这个项目")]
    [InlineData("我们没有预算。", "有预算")]
    [InlineData("我不想买但是可以试用", "想买")]
    // zh: the A-not-A question, 不过 (but), 特别 (especially), 别的 (other), 未来 (future) are no negation.
    [InlineData("能不能给个折扣？", "")]
    [InlineData("有没有年付的优惠", "")]
    [InlineData("不过价格有点高", "")]
    [InlineData("特别好，别的也行，未来再看", "")]
    [InlineData("别担心", "担心")]
    public void Scope_PerLanguage(string text, string expected)
    {
        Assert.Equal(expected, Scoped(text));
    }

    [Theory]
    // Contrast words end it: but, pero, mais, aber, 但是.
    [InlineData("We don't need it now but send the contract next week", "need it now")]
    [InlineData("No lo necesitamos pero mándame el contrato", "lo necesitamos")]
    [InlineData("On n'en a pas besoin mais envoyez le contrat", "a besoin")]
    [InlineData("Brauchen wir nicht jetzt aber schicken Sie den Vertrag", "jetzt")]
    // '?' and '!' end it; so do ';', ':', brackets and dashes.
    [InlineData("not now? send it!", "now")]
    [InlineData("not now; send it", "now")]
    [InlineData("not now (send it)", "now")]
    [InlineData("not now \u2014 send it", "now")]
    // A hyphen is no clause mark, and a cue before a hyphen is a prefix: non-profit, no-brainer.
    [InlineData("not a follow-up call", "a follow up call")]
    [InlineData("we give to a non-profit every year", "")]
    [InlineData("it's a no-brainer for us", "")]
    public void Scope_EndsAtClauseMarksAndContrastWords(string text, string expected)
    {
        Assert.Equal(expected, Scoped(text));
    }

    [Fact]
    public void Scope_AtMostTheGivenTokens()
    {
        Assert.Equal("want to make", Scoped("I do not want to make a donation today", scope: 3));
        Assert.Equal("一二三", Scoped("不一二三四五", scope: 3));
        Assert.Equal("", Scoped("I do not want to make a donation today", scope: 0));
    }

    [Fact]
    public void Featurize_Add_PlainFeaturesKeptAndNegatedOnesAdded()
    {
        var plain = Ids(Words, "i do not want to make a donation today");
        var added = Ids(Add, "i do not want to make a donation today");
        // Six tokens in scope, each a negated unigram and the negated bigram ending at it.
        Assert.Equal(plain.Length + 12, added.Length);
        Assert.Empty(plain.Except(added));
        var donation = Ids(Words, "donation").Single();
        Assert.Contains(donation, added);
        // Outside any scope the option adds nothing.
        Assert.Equal(Ids(Words, "i'd love to make a donation today"), Ids(Add, "i'd love to make a donation today"));
    }

    [Fact]
    public void Featurize_Replace_NegatedTokensLoseTheirPlainFeatures()
    {
        var donation = Ids(Words, "donation").Single();
        var negated = Ids(Replace, "i do not want to make a donation today");
        Assert.DoesNotContain(donation, negated);
        Assert.Equal(Ids(Words, "i do not want to make a donation today").Length, negated.Length);
        Assert.Contains(donation, Ids(Replace, "i'd love to make a donation today"));
        // The negated "donation" is one feature wherever the negation is: the same id after "not" and after "no".
        var negatedDonation = Ids(Replace, "not donation").Except(Ids(Replace, "not")).ToArray();
        Assert.Equal(2, negatedDonation.Length);
        Assert.Contains(negatedDonation[0], Ids(Replace, "we will never make a donation"));
        Assert.Contains(negatedDonation[0], Ids(Add, "no donation"));
        Assert.DoesNotContain(negatedDonation[0], Ids(Add, "a donation"));
        // The cue keeps its plain unigram.
        Assert.Contains(Ids(Words, "not").Single(), negated);
    }

    [Fact]
    public void Featurize_CharNgrams_MarkedOnlyWhenAsked()
    {
        var chars = new FeaturizerOptions { Buckets = 1 << 24, NegationScope = 6 };
        var text = "we do not need tooling";
        // Word features only: two tokens in scope, two features each.
        Assert.Equal(Ids(new FeaturizerOptions { Buckets = 1 << 24 }, text).Length + 4, Ids(chars, text).Length);
        var withChars = Ids(chars with { NegationCharNgrams = true }, text);
        var replaced = Ids(chars with { NegationCharNgrams = true, NegationReplaces = true }, text);
        // Replacing everything: as many features as plain, and none of the scoped words' plain character n-grams.
        Assert.Equal(Ids(new FeaturizerOptions { Buckets = 1 << 24 }, text).Length, replaced.Length);
        Assert.Empty(Ids(new FeaturizerOptions { Buckets = 1 << 24, WordNgrams = 1 }, "tooling").Intersect(replaced));
        Assert.True(withChars.Length > Ids(chars, text).Length);
        // Han: the n-grams ending at a scoped character are marked too.
        var han = new FeaturizerOptions { Buckets = 1 << 24, NegationScope = 6, NegationCharNgrams = true, NegationReplaces = true };
        Assert.Equal(Ids(new FeaturizerOptions { Buckets = 1 << 24 }, "我们不需要").Length, Ids(han, "我们不需要").Length);
        Assert.Empty(Ids(han, "我们不需要").Intersect(Ids(new FeaturizerOptions { Buckets = 1 << 24 }, "需要")));
    }

    /// <summary>
    /// Off (the default) the featurizer gives exactly the ids it gave before negation marking existed: digests of the
    /// id lists the previous featurizer computed for these texts (2^18 buckets, every other setting at its default).
    /// </summary>
    [Theory]
    [InlineData("I do not want to make a donation today.", 77, "FB64D8F25BDF93BB")]
    [InlineData("We don't want to sign this quarter, but maybe next year.", 117, "E980FC925F7B3447")]
    [InlineData("No quiero hacer una donación hoy, sin embargo lo pensaré.", 122, "096164B5C52A6596")]
    [InlineData("Nous ne voulons pas signer ce trimestre, mais peut-être en janvier.", 145, "983FF969E18CEB0E")]
    [InlineData("Wir wollen dieses Quartal nicht unterschreiben, aber vielleicht im Herbst.", 176, "65EE92E0E05C9A12")]
    [InlineData("我们今年不考虑这个项目，但是明年可以再聊。", 51, "8C7212152D81FF5C")]
    [InlineData("能不能给个折扣？我们没有预算。", 36, "3D518198EEECD8FD")]
    [InlineData("Never again without a proof of concept; no budget, no deal!", 125, "2502F09AECF7E6D6")]
    public void Featurize_Off_SameIdsAsBeforeTheOption(string text, int count, string digest)
    {
        var ids = Ids(new FeaturizerOptions { Buckets = 1 << 18 }, text);
        Assert.Equal(count, ids.Length);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join(",", ids)));
        Assert.Equal(digest, Convert.ToHexString(hash)[..16]);
        Assert.NotEqual(ids, Ids(new FeaturizerOptions { Buckets = 1 << 18, NegationScope = 6 }, text));
    }

    [Fact]
    public void Featurize_Negation_DeterministicAcrossInstances()
    {
        foreach (var options in new[] { Add, Replace, Replace with { NegationCharNgrams = true } })
        {
            Assert.Equal(Ids(options, "Nous ne voulons pas signer, mais 我们不想买"), Ids(options, "Nous ne voulons pas signer, mais 我们不想买"));
        }
    }

    [Fact]
    public void Validate_NegationSettingsOutOfRange_Throw()
    {
        Assert.Throws<ArgumentException>(() => new TextFeaturizer(new FeaturizerOptions { NegationScope = -1 }));
        Assert.Throws<ArgumentException>(() => new TextFeaturizer(new FeaturizerOptions { NegationScope = FeaturizerOptions.MaxNegationScope + 1 }));
        // Replacing or marking character n-grams means nothing without a scope.
        Assert.Throws<ArgumentException>(() => new TextFeaturizer(new FeaturizerOptions { NegationReplaces = true }));
        Assert.Throws<ArgumentException>(() => new TextFeaturizer(new FeaturizerOptions { NegationCharNgrams = true }));
    }
}
