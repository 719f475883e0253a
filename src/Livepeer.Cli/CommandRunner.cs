using Livepeer.Core.Crypto;
using Livepeer.Core.Keystores;

namespace Livepeer.Cli;

/// <summary>Runs a command's action and turns expected failures into one "error: …" line on stderr and an exit code.</summary>
public static class CommandRunner
{
    /// <summary>Runs a synchronous action.</summary>
    public static int Run(Func<int> action) => RunAsync(() => Task.FromResult(action())).GetAwaiter().GetResult();

    /// <summary>Runs an asynchronous action.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return CliException.Failure;
        }
        catch (Exception e) when (e is KeystoreException or FormatException or IOException or UnauthorizedAccessException or ArgumentException
                                      or Secp256k1UnavailableException or InvalidOperationException or Chain.Storage.ChainStoreException
                                      or HttpRequestException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CliException.Failure;
        }
    }
}
