namespace Livepeer.Cli;

/// <summary>An error the CLI reports on stderr with an exit code: 1 for failures, 2 for usage errors.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>Exit code for failures (wrong password, missing account, invalid signature).</summary>
    public const int Failure = 1;
    /// <summary>Exit code for usage errors (bad arguments or options).</summary>
    public const int Usage = 2;

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
