namespace SalesCoach.Coaching.Signals;

/// <summary>
/// Finds the shipped signal model (Signals/Model/signals.onnx + model.json, copied next to
/// the assembly). Until the ONNX runtime and trainer land, no model is shipped and the
/// classifier says so (see Signals/README.md).
/// </summary>
public static class SignalModelLoader
{
    public static string ModelDirectory => Path.Combine(AppContext.BaseDirectory, "Signals", "Model");

    public static ISignalClassifier LoadShipped()
    {
        var onnx = Path.Combine(ModelDirectory, "signals.onnx");
        return File.Exists(onnx)
            ? new NoModelSignalClassifier($"{onnx} exists but this build has no ONNX runtime binding yet")
            : new NoModelSignalClassifier("no signals.onnx shipped in Signals/Model");
    }
}
