using System.Runtime.InteropServices;

namespace SalesCoach.Inference.Runtime;

public sealed unsafe partial class InferenceSession
{
    /// <summary>
    /// Runs the model on the given inputs (every model input, each once) and returns every output
    /// in the model's output order. Inputs are passed to the library in place (pinned, not copied).
    /// </summary>
    public IReadOnlyList<NamedTensor> Run(IReadOnlyList<NamedTensor> inputs)
    {
        var result = new NamedTensor[Outputs.Count];
        RunCore(inputs, CheckInputs(inputs), [], [], result);
        return result;
    }

    /// <summary>Runs the model and returns the one output named <paramref name="output"/>.</summary>
    public TensorValue Run(string output, params NamedTensor[] inputs)
    {
        foreach (var named in Run(inputs))
        {
            if (named.Name == output)
            {
                return named.Value;
            }
        }

        throw Invalid($"The model has no output '{output}'; its outputs are {string.Join(", ", Outputs)}.");
    }

    /// <summary>
    /// Runs the model writing the named outputs straight into the caller's tensors (whose shapes must be
    /// what the model produces). The fast path for serving: no output is allocated or copied.
    /// </summary>
    public void Run(IReadOnlyList<NamedTensor> inputs, IReadOnlyList<NamedTensor> outputs)
    {
        var outputOrder = new int[outputs.Count];
        for (var i = 0; i < outputs.Count; i++)
        {
            outputOrder[i] = _outputIndex.TryGetValue(outputs[i].Name ?? "", out var index)
                ? index
                : throw Invalid($"The model has no output '{outputs[i].Name}'; its outputs are {string.Join(", ", Outputs)}.");
            if (outputs[i].Value.ElementType != Outputs[index].ElementType)
            {
                throw Invalid($"Output '{outputs[i].Name}' is {Outputs[index].ElementType}, not {outputs[i].Value.ElementType}.");
            }
        }

        RunCore(inputs, CheckInputs(inputs), outputs, outputOrder, null);
    }

    /// <summary>
    /// Pins every managed buffer, wraps it in an OrtValue, runs, and releases everything whatever happens.
    /// With <paramref name="results"/> the library allocates every output and we copy them out; otherwise
    /// it writes into <paramref name="bound"/>.
    /// </summary>
    private void RunCore(IReadOnlyList<NamedTensor> inputs, int[] inputOrder, IReadOnlyList<NamedTensor> bound, int[] boundOrder, NamedTensor[]? results)
    {
        var api = _runtime.Api;
        using var lease = Lease();
        var inputCount = inputs.Count;
        var outputCount = results is null ? bound.Count : Outputs.Count;
        var pins = new GCHandle[(inputCount + bound.Count) * 2];
        var inputNames = stackalloc nint[inputCount];
        var inputValues = stackalloc nint[inputCount];
        var outputNames = stackalloc nint[outputCount];
        var outputValues = stackalloc nint[outputCount];
        new Span<nint>(inputValues, inputCount).Clear();
        new Span<nint>(outputValues, outputCount).Clear();
        try
        {
            for (var i = 0; i < inputCount; i++)
            {
                inputNames[i] = _handle.InputNames[inputOrder[i]];
                inputValues[i] = CreateValue(inputs[i], pins, 2 * i);
            }

            for (var i = 0; i < outputCount; i++)
            {
                if (results is null)
                {
                    outputNames[i] = _handle.OutputNames[boundOrder[i]];
                    outputValues[i] = CreateValue(bound[i], pins, 2 * (inputCount + i));
                }
                else
                {
                    outputNames[i] = _handle.OutputNames[i];
                }
            }

            api.Check(api.Run(_handle.DangerousGetHandle(), 0, inputNames, inputValues, (nuint)inputCount, outputNames, (nuint)outputCount, outputValues), "Run");
            for (var i = 0; results is not null && i < outputCount; i++)
            {
                results[i] = new NamedTensor(Outputs[i].Name, ReadOutput(outputValues[i]));
            }
        }
        finally
        {
            for (var i = 0; i < outputCount; i++)
            {
                api.ReleaseValue(outputValues[i]);
            }

            for (var i = 0; i < inputCount; i++)
            {
                api.ReleaseValue(inputValues[i]);
            }

            foreach (var pin in pins)
            {
                if (pin.IsAllocated)
                {
                    pin.Free();
                }
            }
        }
    }

    private nint CreateValue(NamedTensor named, GCHandle[] pins, int pinSlot)
    {
        var tensor = named.Value;
        pins[pinSlot] = tensor.Pin();
        pins[pinSlot + 1] = GCHandle.Alloc(tensor.ShapeArray, GCHandleType.Pinned);
        nint value;
        _runtime.Api.Check(_runtime.Api.CreateTensorWithDataAsOrtValue(
            _runtime.CpuMemory,
            (void*)pins[pinSlot].AddrOfPinnedObject(),
            (nuint)tensor.ByteLength,
            (long*)pins[pinSlot + 1].AddrOfPinnedObject(),
            (nuint)tensor.ShapeArray.Length,
            (int)tensor.ElementType,
            &value), $"Creating tensor '{named.Name}'");
        return value;
    }

    private static OnnxRuntimeException Invalid(string message) => new(OrtErrorCode.InvalidInput, message);

    private TensorValue ReadOutput(nint value)
    {
        var api = _runtime.Api;
        nint info;
        api.Check(api.GetTensorTypeAndShape(value, &info), "Reading an output's shape");
        try
        {
            int elementType;
            api.Check(api.GetTensorElementType(info, &elementType), "GetTensorElementType");
            nuint rank;
            api.Check(api.GetDimensionsCount(info, &rank), "GetDimensionsCount");
            var shape = new long[(int)rank];
            fixed (long* dims = shape)
            {
                api.Check(api.GetDimensions(info, dims, rank), "GetDimensions");
            }

            void* data;
            api.Check(api.GetTensorMutableData(value, &data), "GetTensorMutableData");
            return TensorValue.CopyFromNative((TensorElementType)elementType, shape, data);
        }
        finally
        {
            api.ReleaseTensorTypeAndShapeInfo(info);
        }
    }

    /// <summary>Holds a reference on the native session for the duration of a call.</summary>
    private HandleLease Lease()
    {
        var added = false;
        _handle.DangerousAddRef(ref added);
        return new HandleLease(_handle);
    }

    private readonly struct HandleLease(SafeHandle handle) : IDisposable
    {
        public void Dispose() => handle.DangerousRelease();
    }
}
