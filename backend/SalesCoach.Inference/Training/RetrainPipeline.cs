using SalesCoach.Inference.Data;
using SalesCoach.Inference.Evaluation;
using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Training;

/// <summary>The model in service now: its ONNX bytes and its model.json.</summary>
public sealed record ActiveModel(byte[] Onnx, ModelMetadata Metadata, int Version);

/// <summary>The outcome of one retraining run; <see cref="Promote"/> says whether the candidate won.</summary>
public sealed record RetrainOutcome(
    TrainedModel Candidate,
    CleaningReport Cleaning,
    int HeldOut,
    EvaluationReport CandidateReport,
    EvaluationReport? ActiveReport,
    string Metric,
    bool Promote);

/// <summary>
/// Retraining gated by evaluation: clean the data, hold out a stratified slice, train a
/// candidate on the rest, score candidate and active model on the same held-out rows through
/// ONNX Runtime, and promote only when the candidate is better (accuracy for multi-class,
/// macro-F1 for multi-label) or nothing is active yet.
/// </summary>
public static class RetrainPipeline
{
    public static RetrainOutcome Run(
        IReadOnlyList<LabeledExample> rows, TrainerOptions options, ActiveModel? active, string candidateDirectory,
        string? dataSha256 = null, double holdOutFraction = 0.2, bool allowNewLabels = false, Action<string>? log = null)
    {
        var known = active is null || allowNewLabels ? null : active.Metadata.Labels.ToHashSet(StringComparer.Ordinal);
        var (clean, cleaning) = DatasetCleaner.Clean(rows, known);
        if (clean.Count < 10)
        {
            throw new InvalidDataException($"Only {clean.Count} usable rows after cleaning; retraining needs at least 10.");
        }

        var labelIndex = clean.SelectMany(r => r.Labels).Distinct().Order(StringComparer.Ordinal)
            .Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        var (trainRows, heldOutRows) = DevSplit.Stratified(
            [.. clean.Select(r => r.Labels.Select(l => labelIndex[l]).ToArray())], holdOutFraction, options.Seed + 17);
        var train = trainRows.Select(i => clean[i]).ToList();
        var heldOut = heldOutRows.Select(i => clean[i]).ToList();
        log?.Invoke($"cleaned {cleaning.Input} rows to {cleaning.Kept}; training on {train.Count}, holding out {heldOut.Count}");

        var candidate = EmbeddingBagTrainer.Train(train, options, null, dataSha256, log);
        ModelDirectory.Save(candidateDirectory, candidate);
        var oos = options.OosLabel;
        EvaluationReport candidateReport;
        using (var session = OnnxTextScorer.OpenSession(candidateDirectory))
        {
            candidateReport = ModelEvaluator.Evaluate(new OnnxTextScorer(session, candidate.Metadata.Featurizer), candidate.Metadata, heldOut, oos);
        }

        EvaluationReport? activeReport = null;
        if (active is not null)
        {
            using var session = OnnxRuntime.Shared.CreateSession(active.Onnx, new InferenceSessionOptions { IntraOpThreads = 1 });
            var activeOos = active.Metadata.OosLabel ?? oos;
            activeReport = ModelEvaluator.Evaluate(new OnnxTextScorer(session, active.Metadata.Featurizer), active.Metadata, heldOut, activeOos);
        }

        var metric = options.MultiLabel ? "macroF1" : "accuracy";
        double Score(EvaluationReport r) => options.MultiLabel ? r.MacroF1 : r.Accuracy;
        var promote = activeReport is null || Score(candidateReport) > Score(activeReport);
        return new RetrainOutcome(candidate, cleaning, heldOut.Count, candidateReport, activeReport, metric, promote);
    }
}
