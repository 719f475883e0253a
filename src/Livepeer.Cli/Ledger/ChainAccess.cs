using System.CommandLine;
using Livepeer.Chain.Client;
using Livepeer.Cli.Passwords;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Core.Keystores;

namespace Livepeer.Cli.Ledger;

/// <summary>How a token-holder command reaches the ledger: --chain-rpc, and for signing commands --from and --password-file.</summary>
public sealed class ChainAccess(GlobalOptions globals)
{
    /// <summary>The environment variable that overrides the default ledger URL.</summary>
    public const string RpcEnvironmentVariable = "LIVEPEER_CHAIN_RPC";

    /// <summary>The ledger's JSON-RPC URL.</summary>
    public Option<string> ChainRpc { get; } = new("--chain-rpc")
    {
        Description = $"Ledger JSON-RPC URL (default: ${RpcEnvironmentVariable} or http://127.0.0.1:8545)",
        HelpName = "URL",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(RpcEnvironmentVariable) ?? "http://127.0.0.1:8545",
    };

    /// <summary>The keystore account that signs.</summary>
    public Option<string?> From { get; } = new("--from")
    {
        Description = "Keystore account that signs (default: the first account in <datadir>/keystore)",
        HelpName = "ADDRESS",
    };

    /// <summary>Where the keystore password comes from.</summary>
    public Option<string?> PasswordFile { get; } = new("--password-file")
    {
        Description = $"Read the password from the first line of FILE (else ${PasswordSource.EnvironmentVariable}, else a prompt)",
        HelpName = "FILE",
    };

    /// <summary>The global options (data directory, --json).</summary>
    public GlobalOptions Globals { get; } = globals;

    /// <summary>A read-only command: adds --chain-rpc.</summary>
    public Command Reading(Command command)
    {
        command.Options.Add(ChainRpc);
        return command;
    }

    /// <summary>A signing command: adds --chain-rpc, --from and --password-file.</summary>
    public Command Signing(Command command)
    {
        command.Options.Add(ChainRpc);
        command.Options.Add(From);
        command.Options.Add(PasswordFile);
        return command;
    }

    /// <summary>A client that only reads.</summary>
    public LedgerClient Reader(ParseResult parse) => new(RpcUri(parse), options: ClientOptions);

    /// <summary>A client that signs with the --from account, unlocked with its password.</summary>
    public LedgerClient Signer(ParseResult parse) => new(RpcUri(parse), UnlockKey(parse), options: ClientOptions);

    /// <summary>The --from account's key (or the first account's), unlocked with its password; for nodes that sign as they run.</summary>
    public PrivateKey UnlockKey(ParseResult parse)
    {
        var store = Store(parse);
        var from = SignerAddress(parse, store);
        var password = PasswordSource.Read(parse.GetValue(PasswordFile), $"Password for {from}: ", confirm: false);
        return store.Unlock(from, password);
    }

    /// <summary>The --chain-rpc URL.</summary>
    public Uri ChainRpcUri(ParseResult parse) => RpcUri(parse);

    /// <summary>The --from account, or the first keystore account.</summary>
    public Address SignerAddress(ParseResult parse) => SignerAddress(parse, Store(parse));

    /// <summary>An address argument, or the signer's when it is omitted.</summary>
    public Address AddressOrSelf(ParseResult parse, string? text) =>
        text is null ? SignerAddress(parse) : CommandInput.Address(text, "address");

    /// <summary>The data directory.</summary>
    public string DataDir(ParseResult parse) => parse.GetValue(Globals.DataDir)!;

    /// <summary>True when --json was given.</summary>
    public bool Json(ParseResult parse) => parse.GetValue(Globals.Json);

    // A command-line user waits seconds at most for an absent ledger, not the node client's minutes.
    private static readonly JsonRpcClientOptions ClientOptions = new()
    {
        Attempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(100), RequestTimeout = TimeSpan.FromSeconds(150),
    };

    private Uri RpcUri(ParseResult parse)
    {
        var text = parse.GetValue(ChainRpc)!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliException($"--chain-rpc '{text}' is not an http(s) URL; write e.g. http://127.0.0.1:8545.", CliException.Usage);
        return uri;
    }

    private KeyStore Store(ParseResult parse) => new(Path.Combine(DataDir(parse), "keystore"), TimeProvider.System);

    private Address SignerAddress(ParseResult parse, KeyStore store)
    {
        if (parse.GetValue(From) is { } text)
        {
            var address = CommandInput.Address(text, "--from");
            return store.Find(address)?.Address
                ?? throw new CliException($"No account {address} in {store.Directory}. See: livepeer account list");
        }
        var accounts = store.List();
        if (accounts.Count == 0)
            throw new CliException($"No account in {store.Directory}. Create one with `livepeer account new`, pass --datadir, or name an ADDRESS to read.");
        return accounts[0].Address;
    }
}
