using SalesCoach.Inference.Runtime;

namespace SalesCoach.Inference.Tests.Runtime;

internal static class LiveSessions
{
    /// <summary>
    /// The live native session count once earlier tests' abandoned sessions have been finalized,
    /// so a later finalizer cannot lower the count in the middle of a comparison.
    /// </summary>
    public static long Settled()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return InferenceSession.LiveSessionCount;
    }
}
