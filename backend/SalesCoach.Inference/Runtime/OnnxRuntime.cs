using System.Runtime.InteropServices;

namespace SalesCoach.Inference.Runtime;

/// <summary>
/// The loaded ONNX Runtime library and its one process-wide environment. The library is found
/// through <see cref="PathVariable"/>, then next to the application (the build copies
/// <c>Runtime/native/*</c> there), then the system's library search path.
/// </summary>
public sealed unsafe class OnnxRuntime
{
    public const string PathVariable = "SALESCOACH_ONNXRUNTIME_PATH";
    public const string LibraryFileName = "libonnxruntime.so.1";

    private static readonly Lazy<OnnxRuntime> SharedInstance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly nint _env;

    private OnnxRuntime(OrtApi api, string version, string libraryPath)
    {
        Api = api;
        Version = version;
        LibraryPath = libraryPath;
        nint env;
        fixed (byte* logId = "salescoach"u8)
        {
            // Errors reach us through statuses; the library's own log only adds noise to stderr.
            Api.Check(Api.CreateEnv((int)OrtLoggingLevel.Error, logId, &env), "CreateEnv");
        }

        _env = env;
        Api.Check(Api.DisableTelemetryEvents(env), "DisableTelemetryEvents");
        nint memoryInfo;
        Api.Check(Api.CreateCpuMemoryInfo(0, 0, &memoryInfo), "CreateCpuMemoryInfo");
        CpuMemory = memoryInfo;
        nint allocator;
        Api.Check(Api.GetAllocatorWithDefaultOptions(&allocator), "GetAllocatorWithDefaultOptions");
        DefaultAllocator = allocator;
    }

    /// <summary>The runtime of this process; loaded on first use. The env lives as long as the process.</summary>
    public static OnnxRuntime Shared => SharedInstance.Value;

    /// <summary>The version string the library reports, e.g. "1.30.0".</summary>
    public string Version { get; }

    public string LibraryPath { get; }

    internal OrtApi Api { get; }

    internal nint Env => _env;

    /// <summary>Describes plain CPU memory, shared by every tensor we hand to the library.</summary>
    internal nint CpuMemory { get; }

    /// <summary>The library's default allocator; it owns the name strings the session getters return.</summary>
    internal nint DefaultAllocator { get; }

    /// <summary>Creates a session from the bytes of an ONNX model (a serialized ModelProto).</summary>
    public InferenceSession CreateSession(ReadOnlySpan<byte> model, InferenceSessionOptions? options = null) =>
        new(this, model, options ?? new InferenceSessionOptions());

    private static OnnxRuntime Load()
    {
        var (handle, path) = LoadLibrary();
        var getApiBase = (delegate* unmanaged[Cdecl]<nint*>)NativeLibrary.GetExport(handle, "OrtGetApiBase");
        var apiBase = getApiBase();
        var getApi = (delegate* unmanaged[Cdecl]<uint, nint*>)apiBase[0];
        var getVersion = (delegate* unmanaged[Cdecl]<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersion()) ?? "unknown";
        var table = getApi(OrtApi.ApiVersion);
        if (table is null)
        {
            throw new OnnxRuntimeException(OrtErrorCode.Fail, $"ONNX Runtime {version} at {path} does not offer C API version {OrtApi.ApiVersion}.");
        }

        return new OnnxRuntime(new OrtApi(table), version, path);
    }

    private static (nint Handle, string Path) LoadLibrary()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured)
        {
            // An explicit setting must win or fail loudly, never fall back to another copy.
            return NativeLibrary.TryLoad(configured, out var explicitHandle)
                ? (explicitHandle, configured)
                : throw new DllNotFoundException($"{PathVariable} points at '{configured}', which could not be loaded as ONNX Runtime.");
        }

        candidates.Add(Path.Combine(AppContext.BaseDirectory, LibraryFileName));
        candidates.Add(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", LibraryFileName));
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                return (handle, candidate);
            }
        }

        return NativeLibrary.TryLoad(LibraryFileName, out var systemHandle)
            ? (systemHandle, LibraryFileName)
            : throw new DllNotFoundException(
                $"ONNX Runtime ({LibraryFileName}) was not found next to the application or on the library path. " +
                $"Run backend/SalesCoach.Inference/Runtime/install-onnxruntime.sh and rebuild, or set {PathVariable}.");
    }

    private enum OrtLoggingLevel
    {
        Verbose,
        Info,
        Warning,
        Error,
        Fatal,
    }
}
