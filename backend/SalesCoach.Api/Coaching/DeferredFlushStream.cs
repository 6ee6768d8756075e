using System.Buffers;
using System.IO.Pipelines;

namespace SalesCoach.Api.Coaching;

/// <summary>
/// A response body that copies writes into the connection's pipe without sending them; only <see cref="SendAsync"/>
/// sends what has gathered. The event stream puts it under the SSE formatter and sends when no further event is
/// ready, so the tip and metrics of one append leave in one send. <see cref="FlushAsync"/> does nothing, so a
/// formatter that flushes after every event cannot undo the gathering.
/// </summary>
internal sealed class DeferredFlushStream(PipeWriter pipe) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => pipe.Write(buffer.AsSpan(offset, count));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        pipe.Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        pipe.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Most that may gather unsent while a long log is replayed (<see cref="SendIfLargeAsync"/>).</summary>
    public const long MaxGathered = 64 * 1024;

    /// <summary>Sends what has gathered.</summary>
    public ValueTask<FlushResult> SendAsync(CancellationToken cancellationToken) => pipe.FlushAsync(cancellationToken);

    /// <summary>Sends once <see cref="MaxGathered"/> bytes wait, so replaying a long log does not hold it all in memory.</summary>
    public ValueTask<FlushResult> SendIfLargeAsync(CancellationToken cancellationToken) =>
        pipe.CanGetUnflushedBytes && pipe.UnflushedBytes >= MaxGathered ? pipe.FlushAsync(cancellationToken) : default;

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
