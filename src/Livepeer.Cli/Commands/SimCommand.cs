using System.CommandLine;
using System.Globalization;
using System.Text;
using Livepeer.Cli.Charts;
using Livepeer.Cli.Progress;
using Livepeer.Core;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Simulation;
using Spectre.Console;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer sim`: runs the protocol state machine for N rounds with synthetic actors and writes a CSV and an SVG chart.</summary>
public static class SimCommand
{
    private const decimal Wei = 1_000_000_000_000_000_000m;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var rounds = new Option<int>("--rounds") { Description = "Rounds to simulate", DefaultValueFactory = _ => 100 };
        var orchestrators = new Option<int>("--orchestrators") { Description = "Synthetic orchestrators", DefaultValueFactory = _ => 10 };
        var delegators = new Option<int>("--delegators") { Description = "Synthetic delegators", DefaultValueFactory = _ => 50 };
        var broadcasters = new Option<int>("--broadcasters") { Description = "Broadcasters paying fees", DefaultValueFactory = _ => 5 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of every random choice", DefaultValueFactory = _ => 1 };
        var unreliable = new Option<int>("--unreliable") { Description = "Per mille of orchestrators that skip reward half the time", DefaultValueFactory = _ => 300 };
        var preset = new Option<string>("--preset") { Description = "Parameter preset: mainnet or devnet", DefaultValueFactory = _ => "mainnet" };
        var output = new Option<string>("--out") { Description = "Output directory for sim.csv and sim.svg", DefaultValueFactory = _ => "sim-output" };
        var command = new Command("sim", "Simulate the protocol (inflation, bonding rate, supply, delegator yield) and write sim.csv and sim.svg")
        {
            rounds, orchestrators, delegators, broadcasters, seed, unreliable, preset, output,
        };
        command.SetAction(parse =>
        {
            var presetName = parse.GetValue(preset);
            ProtocolParameters? parameters = presetName switch
            {
                "mainnet" => ProtocolParameters.Mainnet,
                "devnet" => ProtocolParameters.Devnet,
                _ => null,
            };
            if (parameters is null)
            {
                Console.Error.WriteLine($"--preset must be mainnet or devnet, got '{presetName}'.");
                return 2;
            }
            var options = new SimulationOptions
            {
                Rounds = parse.GetValue(rounds),
                Orchestrators = parse.GetValue(orchestrators),
                Delegators = parse.GetValue(delegators),
                Broadcasters = parse.GetValue(broadcasters),
                Seed = parse.GetValue(seed),
                UnreliableOrchestrators = parse.GetValue(unreliable),
                Parameters = parameters with { NumActiveTranscoders = Math.Max(parameters.NumActiveTranscoders, parse.GetValue(orchestrators)) },
            };
            var problems = options.Problems();
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine(p);
                return 2;
            }
            return Run(options, parse.GetValue(output)!, parse.GetValue<bool>("--json"));
        });
        return command;
    }

    private static int Run(SimulationOptions options, string outDir, bool json)
    {
        var sim = new Simulator(options);
        var stats = new List<RoundStats>(options.Rounds);
        CliProgress.Run(json, "simulating rounds", options.Rounds, report =>
        {
            foreach (var s in sim.Run())
            {
                stats.Add(s);
                report(stats.Count);
            }
        });
        Directory.CreateDirectory(outDir);
        var csvPath = Path.Combine(outDir, "sim.csv");
        var svgPath = Path.Combine(outDir, "sim.svg");
        File.WriteAllText(csvPath, Csv(stats));
        File.WriteAllText(svgPath, SvgLineChart.Render($"livepeer sim: {options.Rounds} rounds, seed {options.Seed}", stats.Select(s => s.Round).ToList(),
        [
            new("Inflation per round", "%", stats.Select(s => Percent(s.Inflation)).ToList(), "#d62728"),
            new("Bonding rate", "%", stats.Select(s => Percent(s.BondingRate)).ToList(), "#1f77b4"),
            new("Total supply", "LPT", stats.Select(s => Lpt(s.TotalSupply)).ToList(), "#2ca02c"),
            new("Delegator reward yield per round", "%", stats.Select(s => Percent(s.DelegatorYield)).ToList(), "#9467bd"),
        ]));
        var last = stats[^1];
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[green]done[/]: round {0}, inflation {1}%, bonding rate {2}%, supply {3} LPT, failed calls {4}",
            last.Round, Percent(last.Inflation), Percent(last.BondingRate), Lpt(last.TotalSupply).ToString("0.##", CultureInfo.InvariantCulture), sim.FailedCalls);
        AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(csvPath)}[/] and [blue]{Markup.Escape(svgPath)}[/]");
        return 0;
    }

    private static decimal Percent(long ppb) => ppb / 10_000_000m;
    private static decimal Lpt(UInt256 wei) => (decimal)wei.Value / Wei;

    private static string Csv(IEnumerable<RoundStats> stats)
    {
        var sb = new StringBuilder("round,inflation_ppb,bonding_rate_ppb,total_supply_wei,total_active_stake_wei,minted_wei,treasury_wei,fees_paid_wei,reward_calls,active_orchestrators,delegator_yield_ppb\n");
        foreach (var s in stats)
            sb.Append(CultureInfo.InvariantCulture, $"{s.Round},{s.Inflation},{s.BondingRate},{s.TotalSupply},{s.TotalActiveStake},{s.Minted},{s.TreasuryBalance},{s.FeesPaid},{s.RewardCalls},{s.ActiveOrchestrators},{s.DelegatorYield}\n");
        return sb.ToString();
    }
}
