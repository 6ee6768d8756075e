using System.Diagnostics;

namespace SalesCoach.TestSupport;

/// <summary>
/// The RabbitMQ broker that <c>.ci/test.sh</c> started (<c>SALESCOACH_TEST_RABBITMQ</c>, an amqp URI). A missing broker
/// is a failure, not a skip, as with PostgreSQL. <see cref="StopAppAsync"/> and <see cref="StartAppAsync"/> stop and
/// start the broker application inside its node (<c>SALESCOACH_TEST_RABBITMQ_DIR</c>): every client connection drops.
/// </summary>
public static class TestBroker
{
    public const string Variable = "SALESCOACH_TEST_RABBITMQ";
    public const string DirectoryVariable = "SALESCOACH_TEST_RABBITMQ_DIR";

    public static string Uri() => Required(Variable);

    public static Task StopAppAsync() => RunAsync("stop_app");

    public static Task StartAppAsync() => RunAsync("start_app");

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests with `bash .ci/test.sh`, which starts RabbitMQ, or start one with " +
                $"`bash .ci/rabbitmq.sh` and export {Variable}=amqp://guest:guest@127.0.0.1:26672/ and {DirectoryVariable}=<the folder it printed>.");

    private static async Task RunAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, ".ci", "rabbitmq.sh"));
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(Required(DirectoryVariable));
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmq.sh {command} exited with {process.ExitCode}: {await error}");
        }
    }
}
