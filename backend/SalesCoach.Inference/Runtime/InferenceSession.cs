using System.Runtime.InteropServices;

namespace SalesCoach.Inference.Runtime;

/// <summary>
/// One loaded model. <see cref="Run"/> is safe to call from many threads at once (ONNX Runtime
/// sessions are), and <see cref="Dispose"/> waits for no one: runs already inside keep the native
/// session alive until they return, later runs get <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed unsafe partial class InferenceSession : IDisposable
{
    private readonly OnnxRuntime _runtime;
    private readonly SessionHandle _handle;
    private readonly Dictionary<string, int> _inputIndex;

    internal InferenceSession(OnnxRuntime runtime, ReadOnlySpan<byte> model, InferenceSessionOptions options)
    {
        _runtime = runtime;
        var api = runtime.Api;
        if (model.IsEmpty)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidProtobuf, "The model is empty (0 bytes).");
        }

        nint sessionOptions;
        api.Check(api.CreateSessionOptions(&sessionOptions), "CreateSessionOptions");
        nint session;
        try
        {
            api.Check(api.SetIntraOpNumThreads(sessionOptions, options.IntraOpThreads), "SetIntraOpNumThreads");
            api.Check(api.SetInterOpNumThreads(sessionOptions, 1), "SetInterOpNumThreads");
            api.Check(api.SetSessionGraphOptimizationLevel(sessionOptions, (int)options.Optimization), "SetSessionGraphOptimizationLevel");
            fixed (byte* bytes = model)
            {
                api.Check(api.CreateSessionFromArray(runtime.Env, bytes, (nuint)model.Length, sessionOptions, &session), "Loading the model");
            }
        }
        finally
        {
            api.ReleaseSessionOptions(sessionOptions);
        }

        _handle = new SessionHandle(api, session);
        try
        {
            Inputs = ReadSignature(isInput: true);
            Outputs = ReadSignature(isInput: false);
            _handle.InputNames = Inputs.Select(i => Marshal.StringToCoTaskMemUTF8(i.Name)).ToArray();
            _handle.OutputNames = Outputs.Select(o => Marshal.StringToCoTaskMemUTF8(o.Name)).ToArray();
            _inputIndex = Inputs.Select((input, index) => (input.Name, index)).ToDictionary(p => p.Name, p => p.index, StringComparer.Ordinal);
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
    }

    /// <summary>Native sessions alive in this process: created and not yet released.</summary>
    public static long LiveSessionCount => SessionHandle.Live;

    public IReadOnlyList<TensorMetadata> Inputs { get; }

    public IReadOnlyList<TensorMetadata> Outputs { get; }

    /// <summary>A value of the model's <c>metadata_props</c>, or null when the key is absent.</summary>
    public string? GetMetadata(string key)
    {
        var api = _runtime.Api;
        using var lease = Lease();
        nint metadata;
        api.Check(api.SessionGetModelMetadata(_handle.DangerousGetHandle(), &metadata), "SessionGetModelMetadata");
        try
        {
            var keyUtf8 = Marshal.StringToCoTaskMemUTF8(key);
            try
            {
                byte* value = null;
                api.Check(api.ModelMetadataLookupCustomMetadataMap(metadata, _runtime.DefaultAllocator, (byte*)keyUtf8, &value), "Reading model metadata");
                return TakeString(value);
            }
            finally
            {
                Marshal.FreeCoTaskMem(keyUtf8);
            }
        }
        finally
        {
            api.ReleaseModelMetadata(metadata);
        }
    }

    public void Dispose() => _handle.Dispose();

    private TensorMetadata[] ReadSignature(bool isInput)
    {
        var api = _runtime.Api;
        var session = _handle.DangerousGetHandle();
        nuint count;
        api.Check(isInput ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count), "Reading the model signature");
        var result = new TensorMetadata[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            byte* name;
            api.Check(isInput
                ? api.SessionGetInputName(session, i, _runtime.DefaultAllocator, &name)
                : api.SessionGetOutputName(session, i, _runtime.DefaultAllocator, &name), "Reading the model signature");
            var managedName = TakeString(name)!;
            nint typeInfo;
            api.Check(isInput ? api.SessionGetInputTypeInfo(session, i, &typeInfo) : api.SessionGetOutputTypeInfo(session, i, &typeInfo), "Reading the model signature");
            try
            {
                result[(int)i] = ReadTensorInfo(managedName, typeInfo);
            }
            finally
            {
                api.ReleaseTypeInfo(typeInfo);
            }
        }

        return result;
    }

    private TensorMetadata ReadTensorInfo(string name, nint typeInfo)
    {
        var api = _runtime.Api;
        int onnxType;
        api.Check(api.GetOnnxTypeFromTypeInfo(typeInfo, &onnxType), "GetOnnxTypeFromTypeInfo");
        if (onnxType != 1)
        {
            // Maps, sequences and the like: our models never use them, Run rejects them clearly.
            return new TensorMetadata(name, TensorElementType.Undefined, []);
        }

        nint tensorInfo;
        api.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo), "CastTypeInfoToTensorInfo");
        int elementType;
        api.Check(api.GetTensorElementType(tensorInfo, &elementType), "GetTensorElementType");
        nuint rank;
        api.Check(api.GetDimensionsCount(tensorInfo, &rank), "GetDimensionsCount");
        var shape = new long[(int)rank];
        fixed (long* dims = shape)
        {
            api.Check(api.GetDimensions(tensorInfo, dims, rank), "GetDimensions");
        }

        return new TensorMetadata(name, (TensorElementType)elementType, shape);
    }

    /// <summary>Copies a string the library allocated with its default allocator, then frees it.</summary>
    private string? TakeString(byte* value)
    {
        if (value is null)
        {
            return null;
        }

        var result = Marshal.PtrToStringUTF8((nint)value);
        _runtime.Api.Check(_runtime.Api.AllocatorFree(_runtime.DefaultAllocator, value), "AllocatorFree");
        return result;
    }
}
