using System.Diagnostics;
using System.Security.Cryptography;
using SalesCoach.Coaching.Interactions;
using SalesCoach.Coaching.Metrics;
using SalesCoach.Coaching.Playbooks;
using SalesCoach.Coaching.Signals;
using SalesCoach.Coaching.Tips;
using SalesCoach.Storage.Encryption;
using SalesCoach.Storage.Signals;

namespace SalesCoach.Cli.Coaching;

/// <summary>
/// The per-segment work of the live pipeline without storage or HTTP: redaction, metrics,
/// the signal model, the rules layer, the tip engine and sealing the text the store writes, one segment at a time
/// on one thread. Sealing is also timed on its own, so its share of the total is visible.
/// Also the managed memory of a live interaction's in-memory state.
/// </summary>
public static class InProcessSegmentBenchmark
{
    public sealed record Result(int Segments, double P50Us, double P99Us, double MeanUs, string Classifier, double SealP50Us, double SealP99Us);

    public static Result Run(IReadOnlyList<(string Speaker, string Text)> utterances, ISignalClassifier classifier, int segments)
    {
        var playbook = new ActivePlaybook(DefaultPlaybook.Load() with { Competitors = ["Acme", "Globex"] }, true);
        var timings = new double[segments];
        var sealTimings = new double[segments];
        var protector = new FieldProtector(new Dictionary<string, byte[]> { ["bench"] = RandomNumberGenerator.GetBytes(32) }, "bench");
        var tracker = new MetricsTracker();
        var cooldowns = new TipCooldowns();
        var nextStep = false;
        for (var i = -1000; i < segments; i++)
        {
            var (speaker, text) = utterances[(i + 1000) % utterances.Count];
            var seq = i + 1000L;
            var segment = new SegmentInput(seq, speaker, text, seq * 3_000, seq * 3_000 + 2_500);
            var start = Stopwatch.GetTimestamp();
            var redacted = PiiRedactor.Redact(segment.Text);
            tracker.Add(SegmentFacts.From(segment, redacted, "en"));
            var signals = playbook.Rules.Apply(redacted, classifier.Classify("bench-tenant", redacted, "en"));
            nextStep |= signals.Any(s => s.Label == SignalLabels.NextStep);
            var tips = TipEngine.Evaluate(playbook.Playbook, "en", segment, signals, tracker.Snapshot(), cooldowns, nextStep);
            var sealStart = Stopwatch.GetTimestamp();
            var sealedText = protector.SealTranscript(redacted, "bench-tenant");
            var end = Stopwatch.GetTimestamp();
            GC.KeepAlive(tips);
            GC.KeepAlive(sealedText);
            if (i >= 0)
            {
                // The first 1000 segments warm up the JIT and the model.
                timings[i] = Stopwatch.GetElapsedTime(start, end).TotalMicroseconds;
                sealTimings[i] = Stopwatch.GetElapsedTime(sealStart, end).TotalMicroseconds;
            }
        }

        Array.Sort(timings);
        Array.Sort(sealTimings);
        return new Result(segments, Percentile(timings, 0.50), Percentile(timings, 0.99), timings.Average(), classifier.Description,
            Percentile(sealTimings, 0.50), Percentile(sealTimings, 0.99));
    }

    /// <summary>Bytes of managed memory per live interaction holding <paramref name="segmentsEach"/> segments.</summary>
    public static double MemoryPerInteraction(int interactions, int segmentsEach)
    {
        var interaction = new Interaction("t", "i", "hubspot", "deal", "1", "rep", "en", "call", InteractionStatus.Live, DateTimeOffset.UnixEpoch, null);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var live = new List<LiveInteraction>(interactions);
        for (var n = 0; n < interactions; n++)
        {
            var state = new LiveInteraction(interaction with { Id = n.ToString(System.Globalization.CultureInfo.InvariantCulture) }, 0);
            for (var s = 0; s < segmentsEach; s++)
            {
                state.Metrics.Add(new SegmentFacts(s, s % 2 == 0, s * 3_000L, s * 3_000L + 2_500, 12, 1, s % 3 == 0 ? 1 : 0));
            }

            state.Cooldowns.Fired("objection_price", 1_000);
            live.Add(state);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(live);
        return (after - before) / (double)interactions;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
