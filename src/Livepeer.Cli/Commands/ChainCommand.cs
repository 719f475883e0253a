using System.CommandLine;
using Livepeer.Chain.Hosting;
using Livepeer.Protocol.Engine;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer chain`: runs the ledger (blocks, SQLite, JSON-RPC) until Ctrl-C.</summary>
public static class ChainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions globals)
    {
        var rpc = new Option<string>("--rpc") { Description = "JSON-RPC listen address host:port", DefaultValueFactory = _ => "127.0.0.1:8545" };
        var genesis = new Option<string?>("--genesis") { Description = "Genesis JSON file for a new chain", HelpName = "FILE" };
        var blockTime = new Option<TimeSpan>("--block-time") { Description = "Time between blocks, e.g. 00:00:01 or 500ms", DefaultValueFactory = _ => TimeSpan.FromSeconds(1), CustomParser = ParseDuration };
        var chainId = new Option<ulong>("--chain-id") { Description = "Chain id of a new chain (EIP-712 domain)", DefaultValueFactory = _ => 1337 };
        var snapshotInterval = new Option<int>("--snapshot-interval") { Description = "Blocks between stored state snapshots (bounds the replay on restart)", DefaultValueFactory = _ => 256 };
        var command = new Command("chain", "Run the ledger: a persistent chain that runs the Livepeer protocol, with JSON-RPC on --rpc") { rpc, genesis, blockTime, chainId, snapshotInterval };
        command.Subcommands.Add(NodeStatusCommand.Create("ledger", "http://127.0.0.1:8545", "livepeer chain --genesis FILE"));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var options = new LedgerOptions
            {
                DataDirectory = Path.Combine(parse.GetValue(globals.DataDir)!, "chain"),
                Rpc = parse.GetValue(rpc)!,
                GenesisFile = parse.GetValue(genesis),
                BlockTime = parse.GetValue(blockTime),
                ChainId = parse.GetValue(chainId),
                SnapshotInterval = parse.GetValue(snapshotInterval),
            };
            using var loggers = NodeOptions.Loggers(parse);
            await using var node = await LedgerNode.StartAsync(options, TimeProvider.System, loggers, ct);
            var (head, round) = node.Sequencer.Read(b => (b.Number - 1, ProtocolEngine.CurrentRound(node.Executor.State, b.Number)));
            loggers.CreateLogger("Livepeer.Cli.Chain").LedgerServing(node.Codec.Domain.ChainId, node.RpcUri, head, round);
            NodeOptions.Say(parse, $"Ledger chain {node.Codec.Domain.ChainId} at {node.RpcUri} (data in {options.DataDirectory})");
            NodeOptions.Say(parse, $"Head block {head}, round {round}, a block every {options.BlockTime.TotalMilliseconds} ms. Ctrl-C to stop.");
            await NodeOptions.UntilStoppedAsync(ct);
            NodeOptions.Say(parse, "Stopping: sealing admitted transactions and closing the database.");
            return 0;
        }));
        return command;
    }

    /// <summary>Accepts "500ms", "2s", "1m" or a TimeSpan ("00:00:01").</summary>
    internal static TimeSpan ParseDuration(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span)) return span;
        (string Suffix, double Scale)[] units = [("ms", 1), ("s", 1000), ("m", 60_000)];
        foreach (var (suffix, scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(text[..^suffix.Length], System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0)
                return TimeSpan.FromMilliseconds(n * scale);
        }
        result.AddError($"'{text}' is not a duration; write e.g. 500ms, 2s or 00:00:01.");
        return default;
    }
}
