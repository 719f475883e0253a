using System.CommandLine;
using Livepeer.Cli.Ledger;
using Livepeer.Node.Verifier;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer verifier`: a verifier-set member's node that re-checks reported evidence and attests failures.</summary>
public static class VerifierCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(ChainAccess access)
    {
        var poll = new Option<double>("--poll-seconds") { Description = "How often the ledger is read for new reports", DefaultValueFactory = _ => 2 };
        var fromBlock = new Option<long>("--from-block") { Description = "First block to read reports from", DefaultValueFactory = _ => 0 };
        var command = access.Signing(new Command("verifier",
            "Run a verifier (for members of the verifier set governance appoints): download reported evidence, check its hash and the orchestrator's signature, re-run the checks, attest only when they fail again")
            { poll, fromBlock, ConfigArguments.Create() });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var options = new VerifierNodeOptions
            {
                Chain = access.NodeChain(parse), Poll = TimeSpan.FromSeconds(Math.Max(0.05, parse.GetValue(poll))), FromBlock = parse.GetValue(fromBlock),
            };
            try { options.Validate(); }
            catch (ArgumentException e) { throw new CliException($"Verifier options: {e.Message}", CliException.Usage); }
            using var key = access.UnlockKey(parse);
            using var loggers = NodeOptions.Loggers(parse);
            await using var node = await VerifierNode.StartAsync(key, options, TimeProvider.System, loggers);
            NodeOptions.Say(parse, $"Verifier {key.Address} following {options.Connector.Describe}. Ctrl-C to stop.");
            await NodeOptions.UntilStoppedAsync(ct);
            return 0;
        }));
        return command;
    }
}
