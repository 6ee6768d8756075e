using SalesCoach.Coaching.Interactions;

namespace SalesCoach.Coaching.Metrics;

/// <summary>
/// Conversation metrics over segments ordered by <c>seq</c>. A segment with a higher seq
/// than any seen is folded in incrementally (O(1)); a late one (lower seq) is inserted in
/// order and the totals are replayed from the start (O(n)), so the result depends only
/// on the set of segments, never on the order they arrived in.
/// </summary>
public sealed class MetricsTracker
{
    private readonly List<SegmentFacts> _segments = [];
    private Totals _totals = new();

    public int Count => _segments.Count;

    public long LastSeq => _segments.Count == 0 ? -1 : _segments[^1].Seq;

    /// <summary>Adds a segment; returns false when its seq is already known.</summary>
    public bool Add(SegmentFacts facts)
    {
        if (_segments.Count == 0 || facts.Seq > _segments[^1].Seq)
        {
            _segments.Add(facts);
            _totals.Fold(facts);
            return true;
        }

        var index = _segments.BinarySearch(facts, SeqComparer.Instance);
        if (index >= 0)
        {
            return false;
        }

        _segments.Insert(~index, facts);
        _totals = new Totals();
        foreach (var segment in _segments)
        {
            _totals.Fold(segment);
        }

        return true;
    }

    public bool Contains(long seq) =>
        _segments.Count > 0 && seq <= _segments[^1].Seq && _segments.BinarySearch(new SegmentFacts(seq, false, 0, 0, 0, 0, 0), SeqComparer.Instance) >= 0;

    public ConversationMetrics Snapshot() => _totals.ToMetrics(_segments.Count);

    private sealed class SeqComparer : IComparer<SegmentFacts>
    {
        public static readonly SeqComparer Instance = new();

        public int Compare(SegmentFacts x, SegmentFacts y) => x.Seq.CompareTo(y.Seq);
    }

    /// <summary>Running sums; <see cref="Fold"/> must be called in seq order.</summary>
    private sealed class Totals
    {
        private long _firstStart = long.MaxValue;
        private long _lastEnd = long.MinValue;
        private long _repMs, _customerMs;
        private int _repWords, _customerWords, _repFillers, _customerFillers, _repQuestions, _customerQuestions;
        private int _repInterruptions, _customerInterruptions, _switches, _answers;
        private long _patienceTotal;
        private SegmentFacts? _previous;
        private long _runStart;
        private bool _runIsRep;
        private long _runMs;
        private long _longestMs;
        private bool _longestIsRep;

        public void Fold(SegmentFacts s)
        {
            _firstStart = Math.Min(_firstStart, s.StartMs);
            _lastEnd = Math.Max(_lastEnd, s.EndMs);
            if (s.IsRep)
            {
                _repMs += s.DurationMs;
                _repWords += s.WordCount;
                _repFillers += s.Fillers;
                _repQuestions += s.Questions;
            }
            else
            {
                _customerMs += s.DurationMs;
                _customerWords += s.WordCount;
                _customerFillers += s.Fillers;
                _customerQuestions += s.Questions;
            }

            if (_previous is { } p && p.IsRep != s.IsRep)
            {
                _switches++;
                // Starting before the other side finished is an interruption by the one who starts.
                if (s.StartMs < p.EndMs)
                {
                    if (s.IsRep)
                    {
                        _repInterruptions++;
                    }
                    else
                    {
                        _customerInterruptions++;
                    }
                }

                if (s.IsRep)
                {
                    _answers++;
                    _patienceTotal += Math.Max(0, s.StartMs - p.EndMs);
                }

                _runStart = s.StartMs;
                _runIsRep = s.IsRep;
            }
            else if (_previous is null)
            {
                _runStart = s.StartMs;
                _runIsRep = s.IsRep;
            }

            _runMs = Math.Max(0, s.EndMs - _runStart);
            if (_runMs > _longestMs)
            {
                _longestMs = _runMs;
                _longestIsRep = _runIsRep;
            }

            _previous = s;
        }

        public ConversationMetrics ToMetrics(int count)
        {
            var talk = _repMs + _customerMs;
            var duration = count == 0 ? 0 : Math.Max(0, _lastEnd - _firstStart);
            return new ConversationMetrics(
                count,
                duration,
                new PerSide<long>(_repMs, _customerMs),
                new PerSide<double>(Ratio(_repMs, talk), Ratio(_customerMs, talk)),
                new Monologue(_longestMs, count == 0 ? null : Side(_longestIsRep)),
                new Monologue(_runMs, count == 0 ? null : Side(_runIsRep)),
                new PerSide<int>(_repQuestions, _customerQuestions),
                new PerSide<double>(PerMinute(_repWords, _repMs), PerMinute(_customerWords, _customerMs)),
                new PerSide<double>(PerMinute(_repFillers, _repMs), PerMinute(_customerFillers, _customerMs)),
                new PerSide<int>(_repInterruptions, _customerInterruptions),
                _answers == 0 ? 0 : _patienceTotal / _answers,
                PerMinute(_switches, duration));
        }

        private static string Side(bool isRep) => isRep ? Speakers.Rep : Speakers.Customer;

        private static double Ratio(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

        private static double PerMinute(int count, long ms) => ms <= 0 ? 0 : Math.Round(count * 60_000.0 / ms, 2);
    }
}
