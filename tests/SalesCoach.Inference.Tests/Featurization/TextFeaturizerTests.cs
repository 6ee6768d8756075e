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
