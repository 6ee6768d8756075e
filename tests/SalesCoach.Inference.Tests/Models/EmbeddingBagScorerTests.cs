using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Tests.Models;

public sealed class EmbeddingBagScorerTests
{
    [Fact]
    public void Score_LogitsBeyondExpRange_GivesFiniteSoftmax()
    {
        // One bucket, dim 1, three labels; logits 100, 200, 300 overflow exp() unless shifted.
        var model = new EmbeddingBagClassifier(1, 1, 3, [1f], [100f, 200f, 300f], [0f, 0f, 0f], OutputActivation.Softmax);
        var scores = new float[3];

        new EmbeddingBagScorer(model).Score([0L], [1f], scores);

        Assert.All(scores, s => Assert.True(float.IsFinite(s)));
        Assert.Equal(1f, scores[2], 5);
        Assert.Equal(1f, scores.Sum(), 5);
    }
}
