using SalesCoach.Inference.Models;

namespace SalesCoach.Inference.Training;

/// <summary>
/// One L2-regularised linear SVM per label with the squared hinge loss, solved in the dual by coordinate descent
/// (Hsieh et al., ICML 2008, the method LIBLINEAR uses), over the contract's feature weighting: each n-gram weighs
/// its inverse document frequency, scaled to unit L2 norm per text. The result is an <see cref="EmbeddingBagClassifier"/>
/// with Dim = LabelCount and an identity output layer, so it exports, serves and reloads like every other model, and
/// its logits are the SVMs' decision values (sigmoid only maps them to (0, 1) for the tuned thresholds). Deterministic
/// for a seed; convex, so there are no epochs to stop early, only a tolerance.
/// </summary>
internal static class LinearSvm
{
    /// <summary>Stop when the projected gradient's spread over a pass is under this (LIBLINEAR's default).</summary>
    private const double Tolerance = 0.1;

    /// <summary>The bias is learnt as the weight of one constant feature of this value (regularised like the rest).</summary>
    private const float BiasFeature = 1f;

    public static (EmbeddingBagClassifier Model, int Passes) Train(
        FeaturizedSet train, int labelCount, TrainerOptions options, Action<string>? log = null)
    {
        var buckets = options.Featurizer.Buckets;
        var featureWeights = InverseDocumentFrequency(train, buckets);
        var rows = Enumerable.Range(0, train.Count).Select(i => SparseRow.From(train.Features(i), featureWeights)).ToArray();
        var embeddings = new float[(long)buckets * labelCount];
        var bias = new float[labelCount];
        var output = new float[labelCount * labelCount];
        var maxPasses = Math.Max(options.MaxEpochs, 1) * 10;
        var passesUsed = 0;
        for (var label = 0; label < labelCount; label++)
        {
            var (weights, b, passes) = Solve(rows, train.Labels, label, buckets, options.SvmC, maxPasses, new Random(options.Seed + label));
            for (var bucket = 0; bucket < buckets; bucket++)
            {
                embeddings[(long)bucket * labelCount + label] = (float)weights[bucket];
            }

            bias[label] = (float)b;
            output[label * labelCount + label] = 1f;
            passesUsed = Math.Max(passesUsed, passes);
            log?.Invoke($"label {label}: {passes} passes");
        }

        return (new EmbeddingBagClassifier(buckets, labelCount, labelCount, embeddings, output, bias, OutputActivation.Sigmoid, featureWeights), passesUsed);
    }

    /// <summary>
    /// Smoothed idf per bucket over the training texts, ln((1 + N) / (1 + df)) + 1; 0 for a bucket no training text
    /// has, so features never seen in training neither score nor dilute the ones that were.
    /// </summary>
    public static float[] InverseDocumentFrequency(FeaturizedSet train, int buckets)
    {
        var documentFrequency = new int[buckets];
        var seen = new HashSet<int>();
        for (var i = 0; i < train.Count; i++)
        {
            seen.Clear();
            foreach (var id in train.Features(i))
            {
                if (seen.Add(id))
                {
                    documentFrequency[id]++;
                }
            }
        }

        var idf = new float[buckets];
        for (var bucket = 0; bucket < buckets; bucket++)
        {
            if (documentFrequency[bucket] > 0)
            {
                idf[bucket] = (float)(Math.Log((1.0 + train.Count) / (1.0 + documentFrequency[bucket])) + 1.0);
            }
        }

        return idf;
    }

    private static (double[] Weights, double Bias, int Passes) Solve(
        SparseRow[] rows, int[][] labels, int label, int buckets, float c, int maxPasses, Random random)
    {
        // Dual of min_w 1/2 |w|^2 + C sum_i max(0, 1 - y_i w.x_i)^2: box [0, inf), diagonal 1 / (2C).
        var diagonal = 1.0 / (2.0 * c);
        var w = new double[buckets];
        var wBias = 0.0;
        var alpha = new double[rows.Length];
        var y = rows.Select((_, i) => labels[i].Contains(label) ? 1.0 : -1.0).ToArray();
        var qii = rows.Select(r => r.SquaredNorm + BiasFeature * BiasFeature + diagonal).ToArray();
        var order = Enumerable.Range(0, rows.Length).ToArray();
        var passes = 0;
        while (passes < maxPasses)
        {
            passes++;
            random.Shuffle(order);
            double maxGradient = double.NegativeInfinity, minGradient = double.PositiveInfinity;
            foreach (var i in order)
            {
                var row = rows[i];
                var gradient = (y[i] * (row.Dot(w) + wBias * BiasFeature)) - 1.0 + (diagonal * alpha[i]);
                var projected = alpha[i] == 0.0 ? Math.Min(gradient, 0.0) : gradient;
                maxGradient = Math.Max(maxGradient, projected);
                minGradient = Math.Min(minGradient, projected);
                if (Math.Abs(projected) < 1e-12)
                {
                    continue;
                }

                var previous = alpha[i];
                alpha[i] = Math.Max(previous - (gradient / qii[i]), 0.0);
                var step = (alpha[i] - previous) * y[i];
                row.AddTo(w, step);
                wBias += step * BiasFeature;
            }

            if (maxGradient - minGradient < Tolerance)
            {
                break;
            }
        }

        return (w, wBias, passes);
    }

    /// <summary>One text's features merged per bucket, weighted as the contract weighs them (the norm counts every occurrence).</summary>
    private sealed class SparseRow
    {
        private readonly int[] _ids;
        private readonly double[] _values;

        private SparseRow(int[] ids, double[] values)
        {
            _ids = ids;
            _values = values;
            SquaredNorm = values.Sum(v => v * v);
        }

        public double SquaredNorm { get; }

        public static SparseRow From(ReadOnlySpan<int> features, float[] featureWeights)
        {
            var norm = ManagedForward.NormOf(featureWeights, features);
            var merged = new SortedDictionary<int, double>();
            foreach (var id in features)
            {
                merged[id] = merged.GetValueOrDefault(id) + (featureWeights[id] / norm);
            }

            return new SparseRow([.. merged.Keys], [.. merged.Values]);
        }

        public double Dot(double[] w)
        {
            var sum = 0.0;
            for (var k = 0; k < _ids.Length; k++)
            {
                sum += w[_ids[k]] * _values[k];
            }

            return sum;
        }

        public void AddTo(double[] w, double scale)
        {
            for (var k = 0; k < _ids.Length; k++)
            {
                w[_ids[k]] += scale * _values[k];
            }
        }
    }
}
