using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Spectre.Console;

namespace Livepeer.Cli.Ledger;

/// <summary>Prints results: indented JSON for scripts, or tables and lines for people.</summary>
public static class CommandOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>An amount in JSON: exact wei (a decimal string) and the human form.</summary>
    public static JsonObject Amount(UInt256 wei, Token token) => new() { ["wei"] = wei.ToString(), ["amount"] = Format(wei, token) };

    /// <summary>"1.5 LPT".</summary>
    public static string Format(UInt256 wei, Token token) => new TokenAmount(wei, token).ToString();

    /// <summary>Writes JSON to stdout.</summary>
    public static void Json(JsonNode node) => Console.WriteLine(node.ToJsonString(Indented));

    /// <summary>A transaction's place in the chain and its events, for --json.</summary>
    public static JsonObject Receipt(ChainReceipt receipt) => new()
    {
        ["transaction"] = receipt.TransactionHash.ToString(),
        ["block"] = receipt.BlockNumber,
        ["events"] = new JsonArray(receipt.Events.Select(e => (JsonNode)new JsonObject { ["event"] = e.Name, ["args"] = JsonNode.Parse(e.Args.GetRawText()) }).ToArray()),
    };

    /// <summary>Prints a write's result: JSON with the receipt (plus <paramref name="extra"/>), or one line for people.</summary>
    public static void Done(bool json, ChainReceipt receipt, string summary, JsonObject? extra = null)
    {
        if (json)
        {
            var node = Receipt(receipt);
            if (extra is not null)
                foreach (var (k, v) in extra.ToList()) { extra.Remove(k); node[k] = v; }
            Json(node);
        }
        else
        {
            Console.WriteLine($"{summary} (block {receipt.BlockNumber}, tx {receipt.TransactionHash})");
        }
    }

    /// <summary>A two-column table of named values.</summary>
    public static void Facts(string title, params (string Name, string Value)[] rows)
    {
        var table = new Table { Title = new TableTitle(title) }.AddColumn("").AddColumn("");
        table.HideHeaders();
        foreach (var (name, value) in rows) table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Spectre().Write(table);
    }

    /// <summary>A table with a header row.</summary>
    public static void Table(string title, string[] columns, IEnumerable<string[]> rows, string empty)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            System.Console.WriteLine(empty);
            return;
        }
        var table = new Table { Title = new TableTitle(title) };
        foreach (var c in columns) table.AddColumn(Markup.Escape(c));
        foreach (var r in list) table.AddRow(r.Select(Markup.Escape).ToArray());
        Spectre().Write(table);
    }

    // Wide enough for addresses and hashes even when stdout is a pipe (Spectre assumes 80 columns there).
    private static IAnsiConsole Spectre()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected) console.Profile.Width = Math.Max(console.Profile.Width, 200);
        return console;
    }
}
