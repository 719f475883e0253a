using Spectre.Console;

namespace Livepeer.Cli.Progress;

/// <summary>
/// Progress of long CLI work: a bar with percentage and time left on stderr when stderr is a terminal and the command is
/// not printing --json; nothing otherwise, so scripts and pipes see only the command's output.
/// </summary>
public static class CliProgress
{
    /// <summary>Whether a bar is shown for a command with this --json setting.</summary>
    public static bool Enabled(bool json) => !json && !Console.IsErrorRedirected;

    /// <summary>Runs <paramref name="work"/>, which reports how much of <paramref name="total"/> is done.</summary>
    public static async Task RunAsync(bool json, string description, double total, Func<Action<double>, Task> work)
    {
        if (!Enabled(json))
        {
            await work(_ => { });
            return;
        }
        await Bar().StartAsync(async ctx =>
        {
            var task = ctx.AddTask(description, maxValue: Math.Max(1, total));
            await work(done => task.Value = done);
        });
    }

    /// <summary>Runs synchronous <paramref name="work"/>, which reports how much of <paramref name="total"/> is done.</summary>
    public static void Run(bool json, string description, double total, Action<Action<double>> work) =>
        RunAsync(json, description, total, report =>
        {
            work(report);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    private static Spectre.Console.Progress Bar() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            .Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn());
}
