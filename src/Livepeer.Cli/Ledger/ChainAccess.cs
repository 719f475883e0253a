using System.CommandLine;
using Livepeer.Chain.Client;
using Livepeer.Cli.Passwords;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Core.Keystores;
using Livepeer.Ethereum.Chain;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Transactions;
using Livepeer.Node.Chains;

namespace Livepeer.Cli.Ledger;

/// <summary>
/// How a token-holder command reaches the chain: the embedded ledger at --chain-rpc, or, with --eth-url, Livepeer's
/// contracts on an EVM chain (--network, --eth-controller, --max-gas-price, named like go-livepeer's flags); signing
/// commands add --from (or --eth-acct-addr) and --password-file.
/// </summary>
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

    /// <summary>An EVM JSON-RPC endpoint: when given, the command uses Livepeer's contracts there instead of the ledger.</summary>
    public Option<string?> EthUrl { get; } = new("--eth-url")
    {
        Description = "Ethereum JSON-RPC URL: use Livepeer's contracts on that chain instead of the embedded ledger",
        HelpName = "URL",
    };

    /// <summary>The chain the --eth-url endpoint must be on.</summary>
    public Option<string> Network { get; } = new("--network")
    {
        Description = "With --eth-url: arbitrum-one-mainnet (chain 42161), anvil (31337) or custom:CHAINID; the node refuses an endpoint on another chain",
        HelpName = "NAME",
        DefaultValueFactory = _ => "arbitrum-one-mainnet", // EthereumNetwork.ArbitrumOneMainnet, without loading it for ledger commands
    };

    /// <summary>The protocol's Controller, overriding the network's.</summary>
    public Option<string?> EthController { get; } = new("--eth-controller")
    {
        Description = "With --eth-url: the Controller contracts are found through (default: the network's)",
        HelpName = "ADDRESS",
    };

    /// <summary>The signing account, as go-livepeer names it (same as --from).</summary>
    public Option<string?> EthAcctAddr { get; } = new("--eth-acct-addr")
    {
        Description = "Keystore account that signs on an Ethereum chain (same as --from)",
        HelpName = "ADDRESS",
    };

    /// <summary>The most the node pays per gas.</summary>
    public Option<string?> MaxGasPrice { get; } = new("--max-gas-price")
    {
        Description = "With --eth-url: never pay more than this per gas, in wei (or with a gwei suffix, e.g. 2gwei); refused when the chain needs more",
        HelpName = "WEI",
    };

    /// <summary>The global options (data directory, --json).</summary>
    public GlobalOptions Globals { get; } = globals;

    /// <summary>A read-only command: adds --chain-rpc and the Ethereum options.</summary>
    public Command Reading(Command command)
    {
        command.Options.Add(ChainRpc);
        AddEthereum(command);
        return command;
    }

    /// <summary>A signing command: adds --chain-rpc, --from, --password-file and the Ethereum options.</summary>
    public Command Signing(Command command)
    {
        command.Options.Add(ChainRpc);
        command.Options.Add(From);
        command.Options.Add(PasswordFile);
        AddEthereum(command);
        command.Options.Add(EthAcctAddr);
        command.Options.Add(MaxGasPrice);
        return command;
    }

    private void AddEthereum(Command command)
    {
        command.Options.Add(EthUrl);
        command.Options.Add(Network);
        command.Options.Add(EthController);
    }

    /// <summary>A client that only reads: the ledger's, or with --eth-url the contracts'.</summary>
    public ILivepeerChain Reader(ParseResult parse) =>
        EthereumUrl(parse) is { } url ? ConnectEthereum(parse, url, key: null) : new LedgerClient(RpcUri(parse), options: ClientOptions);

    /// <summary>A client that signs with the --from account, unlocked with its password.</summary>
    public ILivepeerChain Signer(ParseResult parse) =>
        EthereumUrl(parse) is { } url ? ConnectEthereum(parse, url, UnlockKey(parse)) : new LedgerClient(RpcUri(parse), UnlockKey(parse), options: ClientOptions);

    /// <summary>The --eth-url endpoint, or null when the command uses the embedded ledger.</summary>
    public Uri? EthereumUrl(ParseResult parse)
    {
        if (parse.GetValue(EthUrl) is not { } text) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliException($"--eth-url '{text}' is not an http(s) URL; write e.g. http://127.0.0.1:8545.", CliException.Usage);
        return uri;
    }

    /// <summary>The network --network and --eth-controller name.</summary>
    public EthereumNetwork EthereumNetworkOf(ParseResult parse)
    {
        var controller = parse.GetValue(EthController) is { } c ? CommandInput.Address(c, "--eth-controller") : (Address?)null;
        try
        {
            return EthereumNetwork.Resolve(parse.GetValue(Network)!, controller);
        }
        catch (NetworkConfigurationException e)
        {
            throw new CliException(e.Message, CliException.Usage);
        }
    }

    /// <summary>The operator's gas price cap (--max-gas-price), or null.</summary>
    public GasPolicy GasPolicyOf(ParseResult parse)
    {
        if (parse.GetValue(MaxGasPrice) is not { } text) return new GasPolicy();
        var (digits, scale) = text.EndsWith("gwei", StringComparison.OrdinalIgnoreCase) ? (text[..^4], 1_000_000_000) : (text, 1);
        if (!System.Numerics.BigInteger.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value.IsZero)
            throw new CliException($"--max-gas-price '{text}' is not a positive amount of wei (e.g. 2000000000 or 2gwei).", CliException.Usage);
        return new GasPolicy { MaxGasPrice = value * scale };
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)] // ledger commands never load it
    private ILivepeerChain ConnectEthereum(ParseResult parse, Uri url, PrivateKey? key)
    {
        var network = EthereumNetworkOf(parse);
        var rpc = new EthereumRpc(url, new RpcRetryPolicy { Attempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(100) });
        try
        {
            // Commands are synchronous up to here; connecting is a few view calls.
            return EthereumChain.ConnectAsync(rpc, network, key, GasPolicyOf(parse)).GetAwaiter().GetResult();
        }
        catch
        {
            rpc.Dispose();
            throw;
        }
    }

    /// <summary>The --from account's key (or the first account's), unlocked with its password; for nodes that sign as they run.</summary>
    public PrivateKey UnlockKey(ParseResult parse)
    {
        var store = Store(parse);
        var from = SignerAddress(parse, store);
        var password = PasswordSource.Read(parse.GetValue(PasswordFile), $"Password for {from}: ", confirm: false);
        return store.Unlock(from, password);
    }

    /// <summary>
    /// The chain a node command runs on: with --eth-url, Livepeer's contracts there (--network, --eth-controller,
    /// --max-gas-price); else the embedded ledger at --chain-rpc.
    /// </summary>
    public IChainConnector NodeChain(ParseResult parse) =>
        EthereumUrl(parse) is { } url ? EthereumConnectorOf(parse, url) : new LedgerConnector(RpcUri(parse));

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)] // ledger nodes never load it
    private EthereumConnector EthereumConnectorOf(ParseResult parse, Uri url) => new(url, EthereumNetworkOf(parse), GasPolicyOf(parse));

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
        var fromText = parse.GetValue(From);
        if (parse.GetValue(EthAcctAddr) is { } acct)
        {
            if (fromText is not null && CommandInput.Address(fromText, "--from") != CommandInput.Address(acct, "--eth-acct-addr"))
                throw new CliException("--from and --eth-acct-addr name different accounts; give one of them.", CliException.Usage);
            fromText = acct;
        }
        if (fromText is { } text)
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
