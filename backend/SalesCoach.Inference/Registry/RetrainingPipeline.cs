using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SalesCoach.Inference.Data;
using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Featurization;
using SalesCoach.Inference.Runtime;
using SalesCoach.Inference.Training;

namespace SalesCoach.Inference.Registry;

/// <summary>Which held-out figure decides a promotion.</summary>
public enum PromotionMetric
{
    MacroF1,
    Accuracy,
}

public sealed record RetrainRequest(
    string TenantId,
    string Name,
    IReadOnlyList<LabeledExample> Examples,
    string DataSha256,
    TrainerOptions Options,
    string OutputDirectory)
{
    /// <summary>Scored by both models; when null, a share of the cleaned data chosen by a hash of each text is held out (and never trained on).</summary>
    public IReadOnlyList<LabeledExample>? Holdout { get; init; }

    public double HoldoutFraction { get; init; } = 0.2;

    public PromotionMetric Metric { get; init; } = PromotionMetric.MacroF1;

    /// <summary>
    /// True (the default): when a model is serving, the candidate marks negation scope exactly as it does
    /// (<see cref="FeaturizerOptions.NegationScope"/> and its two settings, from its model.json), whatever
    /// <see cref="Options"/> says; false, or nothing serving: <see cref="Options"/> decides.
    /// </summary>
    public bool NegationAsServing { get; init; } = true;
}

/// <summary>
/// Labels in the new data that the model now serving does not have, with how many rows carried each (data and
/// held-out file together), and the rows left with no label it knows, which were left out.
/// </summary>
public sealed record UnknownLabelsReport(IReadOnlyDictionary<string, int> Labels, int RowsLeftOut)
{
    public static UnknownLabelsReport None { get; } = new(new Dictionary<string, int>(), 0);

    public override string ToString() =>
        Labels.Count == 0 ? "none" : $"{string.Join(", ", Labels.Select(p => $"{p.Key} ({p.Value} rows)"))}; {RowsLeftOut} rows left out";
}

public sealed record RetrainResult(
    DataCleaningReport Cleaning,
    UnknownLabelsReport UnknownLabels,
    int TrainExamples,
    int HoldoutExamples,
    ModelVersion Candidate,
    EvaluationReport CandidateReport,
    ModelVersion? Incumbent,
    EvaluationReport? IncumbentReport,
    bool Promoted,
    string Reason);

/// <summary>
/// The retraining pipeline: validate and clean the data, hold out a test share, train, register the
/// candidate, evaluate it and the model now serving (tenant, name) on the same held-out rows through
/// ONNX Runtime, and activate the candidate only if it is strictly better.
/// A retrain refreshes the model it replaces, so it keeps that model's labels: labels the serving model does not
/// have are taken off the rows (a row left with none is left out, and the result reports both), because a
/// comparison over labels one side never saw would count them against the incumbent and promote a different model;
/// adding a label is a new model (<c>model train</c>, then <c>model register</c>). A candidate that lacks one of the
/// serving model's labels (no rows of it) is registered but not activated, so promotion never removes a label. For the
/// same reason it marks negation scope as the serving model does (<see cref="RetrainRequest.NegationAsServing"/>).
/// </summary>
public sealed class RetrainingPipeline(ModelRegistry registry)
{
    public async Task<RetrainResult> RunAsync(RetrainRequest request, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var (cleaned, cleaning) = TrainingDataCleaner.Clean(request.Examples, request.Options.MultiLabel);
        log?.Invoke($"cleaned {cleaning.Input} rows: kept {cleaning.Kept}, empty {cleaning.EmptyText}, too long {cleaning.TooLong}, duplicates {cleaning.Duplicates}, conflicting {cleaning.Conflicting}");
        var given = request.Holdout is null ? null : TrainingDataCleaner.Clean(request.Holdout, request.Options.MultiLabel).Examples;
        var incumbent = await registry.ResolveAsync(request.TenantId, request.Name, cancellationToken);
        var incumbentMetadata = incumbent is null ? null : Metadata(incumbent);
        var unknown = UnknownLabelsReport.None;
        if (incumbent is not null)
        {
            var known = incumbent.Labels.Append(incumbentMetadata!.OosLabel).OfType<string>().ToHashSet(StringComparer.Ordinal);
            (cleaned, given, unknown) = KnownLabelsOnly(cleaned, given, known);
            if (unknown.Labels.Count > 0)
            {
                log?.Invoke($"labels v{incumbent.Version} does not have, taken off their rows: {unknown}");
            }
        }

        var (train, holdout) = given is not null ? (cleaned, given) : Split(cleaned, request.HoldoutFraction);
        if (holdout.Count == 0)
        {
            throw new ModelRegistryException("Nothing to hold out for the comparison: give more rows or a held-out file.");
        }

        var options = request.Options;
        if (request.NegationAsServing && incumbentMetadata?.Featurizer is { } serving)
        {
            options = options with
            {
                Featurizer = options.Featurizer with
                {
                    NegationScope = serving.NegationScope,
                    NegationReplaces = serving.NegationReplaces,
                    NegationCharNgrams = serving.NegationCharNgrams,
                },
            };
            if (serving.NegationScope > 0)
            {
                log?.Invoke($"negation scope marking as v{incumbent!.Version}: {serving.NegationScope} tokens");
            }
        }

        log?.Invoke($"training on {train.Count} rows, holding out {holdout.Count}");
        var trained = EmbeddingBagTrainer.Train(train, options, null, request.DataSha256, log);
        ModelDirectory.Save(request.OutputDirectory, trained);
        var registration = await ModelRegistrations.FromDirectoryAsync(request.OutputDirectory, cancellationToken);
        var candidateReport = Evaluate(registration.Onnx, trained.Metadata, holdout);
        var incumbentReport = incumbent is null ? null : Evaluate(await registry.ReadModelAsync(incumbent, cancellationToken), incumbentMetadata!, holdout);

        var candidate = await registry.RegisterAsync(request.TenantId, request.Name, registration with
        {
            MetricsJson = JsonSerializer.Serialize(new { holdoutAccuracy = candidateReport.Accuracy, holdoutMacroF1 = candidateReport.MacroF1, dev = trained.Metadata.DevMetrics }),
        }, cancellationToken);
        var (promote, reason) = Decide(request.Metric, trained.Metadata.Labels, candidateReport, incumbent, incumbentReport);
        if (promote)
        {
            candidate = await registry.ActivateAsync(request.TenantId, request.Name, candidate.Version, "retrain", cancellationToken);
        }

        log?.Invoke(reason);
        return new RetrainResult(cleaning, unknown, train.Count, holdout.Count, candidate, candidateReport, incumbent, incumbentReport, promote, reason);
    }

    /// <summary>
    /// The rows with only the labels in <paramref name="known"/>; a row left with none is left out. Counts each unknown
    /// label over the data and the held-out rows together.
    /// </summary>
    internal static (List<LabeledExample> Data, List<LabeledExample>? Holdout, UnknownLabelsReport Report) KnownLabelsOnly(
        List<LabeledExample> data, List<LabeledExample>? holdout, IReadOnlySet<string> known)
    {
        var unknown = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var leftOut = 0;
        List<LabeledExample> Keep(List<LabeledExample> rows)
        {
            var kept = new List<LabeledExample>(rows.Count);
            foreach (var row in rows)
            {
                if (row.Labels.All(known.Contains))
                {
                    kept.Add(row);
                    continue;
                }

                foreach (var label in row.Labels.Where(l => !known.Contains(l)))
                {
                    unknown[label] = unknown.GetValueOrDefault(label) + 1;
                }

                var labels = row.Labels.Where(known.Contains).ToArray();
                if (labels.Length > 0)
                {
                    kept.Add(new LabeledExample(row.Text, labels));
                }
                else
                {
                    leftOut++;
                }
            }

            return kept;
        }

        var keptData = Keep(data);
        var keptHoldout = holdout is null ? null : Keep(holdout);
        return (keptData, keptHoldout, new UnknownLabelsReport(unknown, leftOut));
    }

    private static (bool Promote, string Reason) Decide(
        PromotionMetric metric, IReadOnlyList<string> candidateLabels, EvaluationReport candidate, ModelVersion? incumbent, EvaluationReport? incumbentReport)
    {
        if (incumbent is null || incumbentReport is null)
        {
            return (true, "promoted: no model was active");
        }

        var missing = incumbent.Labels.Except(candidateLabels, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            return (false, $"kept v{incumbent.Version}: the candidate lacks {string.Join(", ", missing)}, which v{incumbent.Version} serves (no rows of it in the training data)");
        }

        double Pick(EvaluationReport r) => metric == PromotionMetric.Accuracy ? r.Accuracy : r.MacroF1;
        var (mine, theirs) = (Pick(candidate), Pick(incumbentReport));
        return mine > theirs
            ? (true, $"promoted: held-out {metric} {mine:F4} > {theirs:F4} of v{incumbent.Version}")
            : (false, $"kept v{incumbent.Version}: held-out {metric} {mine:F4} is not better than {theirs:F4}");
    }

    private static EvaluationReport Evaluate(byte[] onnx, ModelMetadata metadata, IReadOnlyList<LabeledExample> holdout)
    {
        using var session = OnnxRuntime.Shared.CreateSession(onnx);
        return ModelEvaluator.Evaluate(new OnnxTextScorer(session, metadata.Featurizer), metadata, holdout);
    }

    private static ModelMetadata Metadata(ModelVersion version)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelMetadata>(version.ManifestJson, ModelDirectory.Json)
                ?? throw new ModelRegistryException($"v{version.Version} has an empty manifest.");
        }
        catch (JsonException error)
        {
            throw new ModelRegistryException($"v{version.Version} was not registered from a trained model directory, so it cannot be re-evaluated: {error.Message}");
        }
    }

    /// <summary>
    /// Holds a row out by a hash of its text, not by a seeded shuffle: the same text lands on the same
    /// side in every run, so a row an earlier pipeline run trained the serving model on never turns up
    /// in a later run's held-out set (which would flatter the incumbent).
    /// </summary>
    internal static (List<LabeledExample> Train, List<LabeledExample> Holdout) Split(List<LabeledExample> rows, double fraction)
    {
        var threshold = (ulong)(fraction * 10_000);
        var holdout = rows.Where(r => BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(r.Text))) % 10_000 < threshold).ToList();
        var held = holdout.ToHashSet();
        return (rows.Where(r => !held.Contains(r)).ToList(), holdout);
    }
}
