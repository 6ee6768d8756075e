namespace SalesCoach.Coaching.Signals;

/// <summary>
/// Loads the shipped signal model (Signals/Model/model.onnx + model.json, copied next to the
/// assembly). When it cannot (no file, or the ONNX Runtime native library is not installed:
/// run .ci/setup.sh), the host still runs and the classifier's description says why.
/// </summary>
public static class SignalModelLoader
{
    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "Signals", "Model");

    public static ISignalClassifier LoadShipped() => Load(ShippedDirectory);

    public static ISignalClassifier Load(string directory)
    {
        if (!File.Exists(Path.Combine(directory, "model.onnx")))
        {
            return new NoModelSignalClassifier($"no model.onnx in {directory}");
        }

        try
        {
            return new OnnxSignalClassifier(directory);
        }
        catch (Exception e) when (e is DllNotFoundException or InvalidOperationException or IOException or InvalidDataException
            or Inference.Runtime.OnnxRuntimeException)
        {
            return new NoModelSignalClassifier($"the model in {directory} did not load: {e.Message}");
        }
    }
}
