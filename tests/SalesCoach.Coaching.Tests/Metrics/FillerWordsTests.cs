using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Metrics;

namespace SalesCoach.Coaching.Tests.Metrics;

public class FillerWordsTests
{
    [Theory]
    [InlineData("en", "Um, I mean, it's like fine", 3)]
    [InlineData("en", "I like this product", 1)]
    [InlineData("en", "The numbers look right", 0)]
    [InlineData("es", "Pues, o sea, no sé", 2)]
    [InlineData("fr", "Euh, du coup on attend", 2)]
    [InlineData("de", "Äh, das ist halt so", 2)]
    [InlineData("zh", "嗯，那个，我们就是觉得有点贵", 3)]
    public void Count_Language_CountsItsFillers(string language, string text, int expected) =>
        Assert.Equal(expected, FillerWords.Count(text, language));

    [Theory]
    [InlineData("How much? And when??", 2)]
    [InlineData("多少钱？", 1)]
    [InlineData("No question here.", 0)]
    public void CountQuestions_QuestionMarks_CountsRuns(string text, int expected) =>
        Assert.Equal(expected, Words.CountQuestions(text));

    [Theory]
    [InlineData("en", "Um, you know, I mean we kind of like it, basically")]
    [InlineData("en", "you")]
    [InlineData("es", "Bueno, o sea, es que en plan no")]
    [InlineData("zh", "嗯，那个，就是然后")]
    public void SegmentFacts_SplitsOnce_CountsAsTheTextCalls(string language, string text)
    {
        var facts = SegmentFacts.From(new SegmentInput(1, Speakers.Rep, text, 0, 1_000), text, language);

        Assert.Equal(Words.Count(text), facts.WordCount);
        Assert.Equal(FillerWords.Count(text, language), facts.Fillers);
        Assert.True(facts.Fillers > 0 || text == "you");
    }

    [Fact]
    public void Count_Chinese_CountsEachCharacterAsAWord() => Assert.Equal(4, Words.Count("多少钱 ok"));
}
