using System.Buffers;
using System.IO.Pipelines;

namespace SalesCoach.Api.Coaching;

/// <summary>
/// A response body that copies writes into the connection's pipe without sending them; <see cref="FlushAsync"/>
/// sends what has gathered. The event stream puts it under the SSE formatter (which writes each event on its own)
/// and flushes when no further event is ready, so the tip and metrics of one append leave in one send.
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

    public override async Task FlushAsync(CancellationToken cancellationToken) => await pipe.FlushAsync(cancellationToken);

    public override void Flush() => throw new NotSupportedException("Flush asynchronously.");

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
