namespace SalesCoach.TestSupport;

/// <summary>
/// Finds a file of the project's shared data folder (the datasets beside the repository, `../shared/data`), or under
/// <c>SALESCOACH_DATA</c> when set, as the training and benchmark scripts do. A missing file is an error, never a skip.
/// </summary>
public static class SharedData
{
    public static string Path(params string[] parts)
    {
        if (Environment.GetEnvironmentVariable("SALESCOACH_DATA") is { Length: > 0 } root)
        {
            var configured = System.IO.Path.Combine([root, .. parts]);
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"{configured} not found (SALESCOACH_DATA is set).");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine([dir.FullName, "shared", "data", .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"shared/data/{string.Join('/', parts)} not found above the test binaries; keep the shared data folder beside the repository or set SALESCOACH_DATA.");
    }
}
