namespace SalesCoach.Inference.Data;

/// <summary>
/// One text with its label(s); multi-class data has exactly one label. <paramref name="Context"/> is the other side's
/// previous turn where the data gives it (read only by a featurizer with context n-grams on).
/// </summary>
public sealed record LabeledExample(string Text, string[] Labels, string? Context = null);
