namespace SalesCoach.Coaching.Playbooks;

/// <summary>The playbook every tenant starts with, read once from the embedded JSON resource.</summary>
public static class DefaultPlaybook
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(DefaultPlaybook).Assembly.GetManifestResourceStream("SalesCoach.Coaching.Playbooks.default-playbook.json")
            ?? throw new InvalidOperationException("The default playbook resource is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>A fresh copy (callers may hold it; records are immutable).</summary>
    public static Playbook Load() => Playbook.FromJson(Text.Value);

    public static string Json => Text.Value;
}
