using Livepeer.Chain.Client;
using Livepeer.Cli.Ledger;
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
        catch (ChainTransactionException e)
        {
            var message = e.Message.StartsWith(e.Reason, StringComparison.Ordinal) ? e.Message : $"{e.Reason}: {e.Message}";
            var hint = RefusalHints.For(e.Reason);
            Console.Error.WriteLine($"error: {message.TrimEnd('.')}.{(hint is null ? "" : " " + hint)}");
            return CliException.Failure;
        }
        catch (ChainUnavailableException e)
        {
            Console.Error.WriteLine(e.Message.Contains("--eth-url", StringComparison.Ordinal)
                ? $"error: {e.Message}"
                : $"error: {e.Message} Start it, or point --chain-rpc / ${ChainAccess.RpcEnvironmentVariable} at a running ledger.");
            return CliException.Failure;
        }
        catch (Exception e) when (EthereumFailures.AreExpected(e))
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CliException.Failure;
        }
        catch (JsonRpcCallException e)
        {
            Console.Error.WriteLine($"error: the ledger answered {e.Code}: {e.Message}");
            return CliException.Failure;
        }
        catch (System.Text.Json.JsonException e)
        {
            Console.Error.WriteLine($"error: the ledger's answer could not be read ({e.Message}); is --chain-rpc pointing at a `livepeer chain` of this version?");
            return CliException.Failure;
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

/// <summary>
/// The Ethereum client's expected failures, kept out of <see cref="CommandRunner"/> so that a ledger command does not
/// load the Ethereum assemblies just to be compiled.
/// </summary>
internal static class EthereumFailures
{
    /// <summary>Whether <paramref name="e"/> is a refusal or misconfiguration to report as one line.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static bool AreExpected(Exception e) =>
        e is Ethereum.Transactions.WrongChainException or Ethereum.Transactions.GasPriceCapExceededException
            or Ethereum.Transactions.TransactionNotMinedException or Ethereum.Networks.MissingContractException
            or Ethereum.Networks.NetworkConfigurationException or Ethereum.Deployment.DeploymentException
            or Ethereum.Contracts.ContractArtifactsMissingException or Nethereum.JsonRpc.Client.RpcResponseException;
}
