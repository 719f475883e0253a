using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Chain.Execution;
using Livepeer.Cli.Ledger;
using Livepeer.Core;
using Livepeer.Protocol.Governance;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Views;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer gov propose|vote|execute|list|show`: stake-weighted governance of parameters, verifiers and the treasury.</summary>
public static class GovCommands
{
    /// <summary>Builds the command tree.</summary>
    public static Command Create(ChainAccess access) => CommandGroup.Of("gov", "Governance: propose parameter, verifier-set and treasury changes, vote with stake, execute", access,
        Propose, Vote, Execute, List, Show, Parameters);

    private static Argument<long> IdArgument() => new("id") { Description = "Proposal id (see `livepeer gov list`)" };

    private static Command Propose(ChainAccess access)
    {
        var set = new Option<string[]>("--set")
        {
            Description = $"Change a parameter: NAME=VALUE (repeatable). VALUE is an integer, a percentage for ppm values, or an LPT amount. Names: {string.Join(", ", Enum.GetNames<ParameterName>())}",
            HelpName = "NAME=VALUE", AllowMultipleArgumentsPerToken = false,
        };
        var spend = new Option<string[]>("--treasury-spend") { Description = "Pay LPT from the treasury: TO=AMOUNT (repeatable)", HelpName = "TO=AMOUNT" };
        var verifiers = new Option<string?>("--verifiers") { Description = "Replace the verifier set: comma-separated addresses (with --threshold)", HelpName = "A,B,..." };
        var threshold = new Option<int?>("--threshold") { Description = "Attestations needed to slash, with --verifiers", HelpName = "K" };
        var description = new Option<string>("--description") { Description = "What the proposal does and why", Required = true, HelpName = "TEXT" };
        var command = access.Signing(new Command("propose", "Create a proposal (needs the proposal threshold of stake); voting starts after the voting delay")
            { set, spend, verifiers, threshold, description });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var actions = ImmutableArray.CreateBuilder<ProposalAction>();
            foreach (var text in parse.GetValue(set) ?? []) actions.Add(ParseParameterChange(text));
            foreach (var text in parse.GetValue(spend) ?? [])
            {
                var (to, amount) = Pair(text, "--treasury-spend", "TO=AMOUNT, e.g. 0xabc...=100");
                actions.Add(new TreasurySpend(CommandInput.Address(to, "--treasury-spend recipient"), CommandInput.Amount(amount, Token.Lpt, "--treasury-spend amount")));
            }
            var verifierText = parse.GetValue(verifiers);
            var k = parse.GetValue(threshold);
            if (verifierText is null != k is null)
                throw new CliException("--verifiers and --threshold go together, e.g. --verifiers 0xA,0xB --threshold 2.", CliException.Usage);
            if (verifierText is not null)
            {
                var list = verifierText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(a => CommandInput.Address(a, "--verifiers")).ToImmutableArray();
                actions.Add(new VerifierSetChange(list, k!.Value));
            }
            if (actions.Count == 0)
                throw new CliException("A proposal needs an action: --set NAME=VALUE, --treasury-spend TO=AMOUNT, or --verifiers A,B --threshold K.", CliException.Usage);
            using var client = access.Signer(parse);
            var receipt = await client.ProposeAsync(actions.ToImmutable(), parse.GetValue(description)!, ct);
            var created = receipt.Named("ProposalCreated").First().Args;
            var id = created.GetProperty("proposalId").GetInt64();
            var start = created.GetProperty("voteStart").GetInt64();
            var end = created.GetProperty("voteEnd").GetInt64();
            CommandOutput.Done(access.Json(parse), receipt,
                $"Proposal {id} created: vote with `livepeer gov vote {id} for|against|abstain` in rounds {start} to {end - 1}, then `livepeer gov execute {id}`",
                new JsonObject { ["proposalId"] = id, ["voteStart"] = start, ["voteEnd"] = end });
            return 0;
        }));
        return command;
    }

    private static ParameterChange ParseParameterChange(string text)
    {
        var (nameText, valueText) = Pair(text, "--set", "NAME=VALUE, e.g. UnbondingPeriod=3");
        if (!Enum.TryParse<ParameterName>(nameText, ignoreCase: true, out var name) || !Enum.IsDefined(name) || int.TryParse(nameText, out _))
            throw new CliException($"--set: unknown parameter '{nameText}'; known: {string.Join(", ", Enum.GetNames<ParameterName>())}.", CliException.Usage);
        UInt256 value;
        if (UInt256.TryParse(valueText, out var integer) && !valueText.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) value = integer;
        else if (valueText.EndsWith('%')) value = (UInt256)CommandInput.Ppm(valueText, $"--set {name}");
        else value = CommandInput.Amount(valueText, Token.Lpt, $"--set {name}");
        return new ParameterChange(name, value);
    }

    private static (string Left, string Right) Pair(string text, string option, string shape)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1) throw new CliException($"{option} '{text}' must be {shape}.", CliException.Usage);
        return (text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    private static Command Vote(ChainAccess access)
    {
        var id = IdArgument();
        var support = new Argument<string>("support") { Description = "for, against or abstain" };
        support.AcceptOnlyFromAmong("for", "against", "abstain");
        var command = access.Signing(new Command("vote", "Vote on an active proposal with your stake (delegators may override their orchestrator's vote)") { id, support });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var choice = parse.GetValue(support) switch { "for" => VoteSupport.For, "against" => VoteSupport.Against, _ => VoteSupport.Abstain };
            var proposal = parse.GetValue(id);
            using var client = access.Signer(parse);
            var receipt = await client.VoteAsync(proposal, choice, ct);
            var weight = receipt.Named("VoteCast").Select(e => UInt256.Parse(e.Args.GetProperty("weight").GetString()!)).FirstOrDefault();
            CommandOutput.Done(access.Json(parse), receipt, $"Voted {choice} on proposal {proposal} with {CommandOutput.Format(weight, Token.Lpt)}",
                new JsonObject { ["proposalId"] = proposal, ["support"] = choice.ToString(), ["weight"] = CommandOutput.Amount(weight, Token.Lpt) });
            return 0;
        }));
        return command;
    }

    private static Command Execute(ChainAccess access)
    {
        var id = IdArgument();
        var command = access.Signing(new Command("execute", "Execute a proposal that passed (after its vote ended)") { id });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var proposal = parse.GetValue(id);
            using var client = access.Signer(parse);
            var receipt = await client.ExecuteAsync(proposal, ct);
            CommandOutput.Done(access.Json(parse), receipt, $"Proposal {proposal} executed", new JsonObject { ["proposalId"] = proposal });
            return 0;
        }));
        return command;
    }

    private static Command List(ChainAccess access)
    {
        var command = access.Reading(new Command("list", "List proposals with their status and tallies"));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = access.Reader(parse);
            var proposals = await client.GetProposalsAsync(ct);
            if (access.Json(parse))
            {
                CommandOutput.Json(new JsonArray(proposals.Select(p => (JsonNode)ProposalJson(p)).ToArray()));
                return 0;
            }
            CommandOutput.Table("Proposals", ["Id", "Status", "Voting rounds", "For", "Against", "Abstain", "Description"],
                proposals.Select(v => new[]
                {
                    v.Proposal.Id.ToString(CultureInfo.InvariantCulture), v.Status.ToString(), $"{v.Proposal.VoteStart}-{v.Proposal.VoteEnd - 1}",
                    CommandOutput.Format(v.Proposal.For, Token.Lpt), CommandOutput.Format(v.Proposal.Against, Token.Lpt),
                    CommandOutput.Format(v.Proposal.Abstain, Token.Lpt), v.Proposal.Description,
                }), "No proposals. Create one with `livepeer gov propose`.");
            return 0;
        }));
        return command;
    }

    private static Command Show(ChainAccess access)
    {
        var id = IdArgument();
        var command = access.Reading(new Command("show", "Show one proposal: its actions, votes and status") { id });
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var wanted = parse.GetValue(id);
            using var client = access.Reader(parse);
            var view = (await client.GetProposalsAsync(ct)).FirstOrDefault(v => v.Proposal.Id == wanted)
                ?? throw new CliException($"There is no proposal {wanted}. See: livepeer gov list");
            if (access.Json(parse))
            {
                CommandOutput.Json(ProposalJson(view));
                return 0;
            }
            var p = view.Proposal;
            CommandOutput.Facts($"Proposal {p.Id}",
                ("Status", view.Status.ToString()), ("Description", p.Description), ("Proposer", p.Proposer.ToString()),
                ("Voting rounds", $"{p.VoteStart} to {p.VoteEnd - 1}"),
                ("For", CommandOutput.Format(p.For, Token.Lpt)), ("Against", CommandOutput.Format(p.Against, Token.Lpt)),
                ("Abstain", CommandOutput.Format(p.Abstain, Token.Lpt)), ("Quorum base", CommandOutput.Format(p.TotalActiveStake, Token.Lpt)));
            CommandOutput.Table("Actions", ["Action"], p.Actions.Select(a => new[] { Describe(a) }), "No actions.");
            return 0;
        }));
        return command;
    }

    private static Command Parameters(ChainAccess access)
    {
        var command = access.Reading(new Command("parameters", "Show the protocol parameters governance can change"));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            using var client = access.Reader(parse);
            var parameters = await client.GetParametersAsync(ct);
            if (access.Json(parse))
            {
                var json = new JsonObject();
                foreach (var name in Enum.GetValues<ParameterName>()) json[name.ToString()] = parameters.Get(name).ToString();
                CommandOutput.Json(json);
                return 0;
            }
            CommandOutput.Table("Protocol parameters", ["Name", "Value"],
                Enum.GetValues<ParameterName>().Select(n => new[] { n.ToString(), parameters.Get(n).ToString() }), "");
            return 0;
        }));
        return command;
    }

    private static JsonObject ProposalJson(ProposalView view)
    {
        var p = view.Proposal;
        return new JsonObject
        {
            ["id"] = p.Id, ["status"] = view.Status.ToString(), ["proposer"] = p.Proposer.ToString(), ["description"] = p.Description,
            ["voteStart"] = p.VoteStart, ["voteEnd"] = p.VoteEnd, ["executed"] = p.Executed,
            ["for"] = CommandOutput.Amount(p.For, Token.Lpt), ["against"] = CommandOutput.Amount(p.Against, Token.Lpt),
            ["abstain"] = CommandOutput.Amount(p.Abstain, Token.Lpt), ["totalActiveStake"] = CommandOutput.Amount(p.TotalActiveStake, Token.Lpt),
            ["actions"] = JsonSerializer.SerializeToNode(p.Actions, ProtocolJson.Options),
        };
    }

    private static string Describe(ProposalAction action) => action switch
    {
        ParameterChange c => $"set {c.Name} = {c.Value}",
        TreasurySpend t => $"pay {CommandOutput.Format(t.Amount, Token.Lpt)} from the treasury to {t.Recipient}",
        VerifierSetChange v => $"verifiers {string.Join(", ", v.Verifiers)} with threshold {v.Threshold}",
        _ => action.ToString(),
    };
}
