using System.Runtime.InteropServices;

namespace SalesCoach.Inference.Runtime;

/// <summary>
/// Owns an <c>OrtSession*</c> and the UTF-8 copies of its input and output names. SafeHandle's
/// reference count is what keeps a disposed session alive until in-flight runs have finished:
/// every run takes a reference, and the native release happens when the last one is returned.
/// Its finalizer releases a session whose owner forgot to dispose it.
/// </summary>
internal sealed unsafe class SessionHandle : SafeHandle
{
    private static long _live;

    private readonly OrtApi _api;

    public SessionHandle(OrtApi api, nint session)
        : base(0, ownsHandle: true)
    {
        _api = api;
        SetHandle(session);
        Interlocked.Increment(ref _live);
    }

    /// <summary>Native sessions created and not yet released, process-wide (for leak checks and metrics).</summary>
    public static long Live => Interlocked.Read(ref _live);

    public override bool IsInvalid => handle == 0;

    /// <summary>Native UTF-8 names handed to Run; freed with the session.</summary>
    public nint[] InputNames { get; set; } = [];

    public nint[] OutputNames { get; set; } = [];

    protected override bool ReleaseHandle()
    {
        _api.ReleaseSession(handle);
        Interlocked.Decrement(ref _live);
        foreach (var name in InputNames.Concat(OutputNames))
        {
            Marshal.FreeCoTaskMem(name);
        }

        return true;
    }
}
