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
        var order = CheckInputs(inputs);
        var api = _runtime.Api;
        using var lease = Lease();
        var inputCount = inputs.Count;
        var outputCount = Outputs.Count;
        var pins = new GCHandle[inputCount * 2];
        var names = stackalloc nint[inputCount];
        var values = stackalloc nint[inputCount];
        var outputs = stackalloc nint[outputCount];
        new Span<nint>(values, inputCount).Clear();
        new Span<nint>(outputs, outputCount).Clear();
        try
        {
            for (var i = 0; i < inputCount; i++)
            {
                var tensor = inputs[i].Value;
                var shape = tensor.Shape.ToArray();
                pins[2 * i] = tensor.Pin();
                pins[(2 * i) + 1] = GCHandle.Alloc(shape, GCHandleType.Pinned);
                names[i] = _handle.InputNames[order[i]];
                nint value;
                api.Check(api.CreateTensorWithDataAsOrtValue(
                    _runtime.CpuMemory,
                    (void*)pins[2 * i].AddrOfPinnedObject(),
                    (nuint)tensor.ByteLength,
                    (long*)pins[(2 * i) + 1].AddrOfPinnedObject(),
                    (nuint)shape.Length,
                    (int)tensor.ElementType,
                    &value), $"Creating input tensor '{inputs[i].Name}'");
                values[i] = value;
            }

            fixed (nint* outputNames = _handle.OutputNames)
            {
                api.Check(api.Run(_handle.DangerousGetHandle(), 0, names, values, (nuint)inputCount, outputNames, (nuint)outputCount, outputs), "Run");
            }

            var result = new NamedTensor[outputCount];
            for (var i = 0; i < outputCount; i++)
            {
                result[i] = new NamedTensor(Outputs[i].Name, ReadOutput(outputs[i]));
            }

            return result;
        }
        finally
        {
            for (var i = 0; i < outputCount; i++)
            {
                api.ReleaseValue(outputs[i]);
            }

            for (var i = 0; i < inputCount; i++)
            {
                api.ReleaseValue(values[i]);
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

        throw new OnnxRuntimeException(OrtErrorCode.InvalidInput, $"The model has no output '{output}'; its outputs are {string.Join(", ", Outputs)}.");
    }

    /// <summary>Checks names, types, ranks and fixed dimensions against the model, so errors name the input at fault.</summary>
    private int[] CheckInputs(IReadOnlyList<NamedTensor> inputs)
    {
        var order = new int[inputs.Count];
        var seen = new bool[Inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var (name, value) = inputs[i];
            if (value is null || !_inputIndex.TryGetValue(name ?? "", out var index))
            {
                throw Invalid($"The model has no input '{name}'; its inputs are {string.Join(", ", Inputs)}.");
            }

            if (seen[index])
            {
                throw Invalid($"Input '{name}' is given twice.");
            }

            seen[index] = true;
            order[i] = index;
            var expected = Inputs[index];
            if (expected.ElementType != value.ElementType)
            {
                throw Invalid($"Input '{name}' must be {expected.ElementType} but a {value.ElementType} tensor was given.");
            }

            if (expected.Shape.Count != value.Shape.Count)
            {
                throw Invalid($"Input '{name}' must have rank {expected.Shape.Count} ({expected}) but has shape [{string.Join(", ", value.Shape)}].");
            }

            for (var d = 0; d < expected.Shape.Count; d++)
            {
                if (expected.Shape[d] >= 0 && expected.Shape[d] != value.Shape[d])
                {
                    throw Invalid($"Input '{name}' dimension {d} must be {expected.Shape[d]} ({expected}) but is {value.Shape[d]}.");
                }
            }
        }

        var missing = Inputs.Where((_, index) => !seen[index]).Select(i => i.Name).ToList();
        return missing.Count == 0 ? order : throw Invalid($"Missing input(s): {string.Join(", ", missing)}.");
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
