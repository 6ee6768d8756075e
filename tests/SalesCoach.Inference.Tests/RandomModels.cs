using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Tests;

/// <summary>Seeded random classifiers and inputs (with padding) for comparing ONNX Runtime against the managed scorer.</summary>
internal static class RandomModels
{
    public static EmbeddingBagClassifier Classifier(int seed, OutputActivation activation, int buckets = 997, int dim = 16, int labels = 5)
    {
        var random = new Random(seed);
        return new EmbeddingBagClassifier(buckets, dim, labels, Values(random, buckets * dim), Values(random, dim * labels), Values(random, labels), activation);
    }

    /// <summary>[batch, n] ids and weights; each row has a random number of real features (weight 1/count) then padding (id 0, weight 0).</summary>
    public static (long[] Ids, float[] Weights) Batch(int seed, int buckets, int batch, int n)
    {
        var random = new Random(seed);
        var ids = new long[batch * n];
        var weights = new float[batch * n];
        for (var b = 0; b < batch; b++)
        {
            var count = random.Next(1, n + 1);
            for (var j = 0; j < count; j++)
            {
                ids[(b * n) + j] = random.Next(buckets);
                weights[(b * n) + j] = 1f / count;
            }
        }

        return (ids, weights);
    }

    private static float[] Values(Random random, int count) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
}
