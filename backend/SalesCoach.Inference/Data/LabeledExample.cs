namespace SalesCoach.Inference.Data;

/// <summary>One text with its label(s); multi-class data has exactly one label.</summary>
public sealed record LabeledExample(string Text, string[] Labels);
