namespace SalesCoach.Inference.Runtime;

public sealed partial class InferenceSession
{
    /// <summary>Checks names, types, ranks and fixed dimensions against the model, so errors name the input at fault.</summary>
    private int[] CheckInputs(IReadOnlyList<NamedTensor> inputs)
    {
        var order = new int[inputs.Count];
        Span<bool> seen = stackalloc bool[Inputs.Count];
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

            var shape = value.ShapeArray;
            if (expected.Shape.Count != shape.Length)
            {
                throw Invalid($"Input '{name}' must have rank {expected.Shape.Count} ({expected}) but has shape [{string.Join(", ", shape)}].");
            }

            for (var d = 0; d < shape.Length; d++)
            {
                if (expected.Shape[d] >= 0 && expected.Shape[d] != shape[d])
                {
                    throw Invalid($"Input '{name}' dimension {d} must be {expected.Shape[d]} ({expected}) but is {shape[d]}.");
                }
            }
        }

        if (inputs.Count != Inputs.Count)
        {
            var missing = new List<string>();
            for (var index = 0; index < Inputs.Count; index++)
            {
                if (!seen[index])
                {
                    missing.Add(Inputs[index].Name);
                }
            }

            throw Invalid($"Missing input(s): {string.Join(", ", missing)}.");
        }

        return order;
    }
}
