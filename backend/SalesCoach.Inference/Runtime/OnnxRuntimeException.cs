namespace SalesCoach.Inference.Runtime;

/// <summary>Error codes of <c>OrtErrorCode</c>, in header order.</summary>
public enum OrtErrorCode
{
    Ok,
    Fail,
    InvalidArgument,
    NoSuchFile,
    NoModel,
    EngineError,
    RuntimeException,
    InvalidProtobuf,
    ModelLoaded,
    NotImplemented,
    InvalidGraph,
    ExecutionProviderFail,

    /// <summary>Not from ONNX Runtime: our own check of an input before it reached the native library.</summary>
    InvalidInput = 1000,
}

/// <summary>A failure reported by ONNX Runtime (its status message included) or found by our input checks.</summary>
public sealed class OnnxRuntimeException(OrtErrorCode code, string message) : Exception(message)
{
    public OrtErrorCode Code { get; } = code;
}
