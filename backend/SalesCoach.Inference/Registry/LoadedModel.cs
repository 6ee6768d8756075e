using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Registry;

/// <summary>
/// A registered version with its live session, reference counted: the host holds one reference while
/// the model is current and every lease holds one more. The session is disposed when the count
/// reaches zero, i.e. after the host swapped it out and the last in-flight caller has finished.
/// </summary>
internal sealed class LoadedModel(ModelVersion version, InferenceSession session)
{
    private int _references = 1;

    public ModelVersion Version { get; } = version;

    public InferenceSession Session { get; } = session;

    public bool IsRetired => Volatile.Read(ref _references) == 0;

    /// <summary>Takes a reference unless the model is already retired (then the caller re-reads the current one).</summary>
    public bool TryAddReference()
    {
        var current = Volatile.Read(ref _references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            Session.Dispose();
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("A loaded model was released more often than it was acquired.");
        }
    }
}

/// <summary>
/// The right to use one model version until disposed. Hot swaps never touch a leased session: the
/// old version stays loaded until every lease on it is disposed.
/// </summary>
public sealed class ModelLease : IDisposable
{
    private LoadedModel? _model;

    internal ModelLease(LoadedModel model)
    {
        _model = model;
        Version = model.Version;
        Session = model.Session;
    }

    public ModelVersion Version { get; }

    public InferenceSession Session { get; }

    public void Dispose() => Interlocked.Exchange(ref _model, null)?.Release();
}
