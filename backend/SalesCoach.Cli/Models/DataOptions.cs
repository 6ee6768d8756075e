using System.CommandLine;

namespace SalesCoach.Cli.Models;

/// <summary>The options every command reading labelled data shares: --data, --text, --label.</summary>
internal sealed class DataOptions
{
    public Option<FileInfo> Data { get; } = new("--data")
    {
        Description = "CSV with a header row, or JSONL (one object per line)",
        Required = true,
    };

    public Option<string> Text { get; } = new("--text") { Description = "Column (field) holding the text", Required = true };

    public Option<string> Label { get; } = new("--label")
    {
        Description = "Column (field) holding the label; multi-label values separated by '|'",
        Required = true,
    };

    public Option<string?> OosLabel { get; } = new("--oos-label") { Description = "The out-of-scope / no-signal label" };

    /// <summary><c>--context</c>: the field holding each row's context (the other side's previous turn); train, evaluate and predict.</summary>
    public static Option<string?> ContextField(string description) => new("--context") { Description = description };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Text);
        command.Options.Add(Label);
        command.Options.Add(OosLabel);
        command.Validators.Add(result =>
        {
            var file = result.GetValue(Data);
            if (file is not null && !file.Exists)
            {
                result.AddError($"--data: file not found: {file.FullName}");
            }
        });
    }
}
