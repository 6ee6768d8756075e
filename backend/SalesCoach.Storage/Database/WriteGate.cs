namespace SalesCoach.Storage.Database;

/// <summary>A held <see cref="SqlDatabase.EnterWriteAsync"/>; disposing it lets the next writer in.</summary>
public readonly struct WriteGate(SemaphoreSlim? gate) : IDisposable
{
    public void Dispose() => gate?.Release();
}
