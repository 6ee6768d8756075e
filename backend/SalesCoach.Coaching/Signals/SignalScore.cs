namespace SalesCoach.Coaching.Signals;

/// <summary>A label over its decision threshold, with the score that put it there.</summary>
public sealed record SignalScore(string Label, float Score);
