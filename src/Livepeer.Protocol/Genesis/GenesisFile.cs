using System.Collections.Immutable;
using System.Text.Json;

namespace Livepeer.Protocol.Genesis;

/// <summary>
/// Parses a genesis file's text (the caller reads the file). Shape:
/// <code>{ "preset": "devnet"|"mainnet", "parameters": { "RoundLength": 20, ... }, "startBlock": 0,
///   "allocations": [ { "label": "team", "address": "0x..", "amount": "1000000000000000000", "vestingStart": 0, "cliff": 0, "duration": 0 } ],
///   "eth": [ { "address": "0x..", "amount": "..." } ], "verifiers": ["0x.."], "verifierThreshold": 1, "mainnetAllocations": false }</code>
/// Amounts are decimal or 0x-hex strings in wei.
/// </summary>
public static class GenesisFile
{
    /// <summary>Parses; throws <see cref="FormatException"/> naming the bad field.</summary>
    public static GenesisSpec Parse(string json)
    {
        try
        {
            return ParseDocument(json);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
        {
            // Wrong JSON kinds (a string where a number belongs) or a missing required field.
            throw new FormatException("Genesis file has a field of the wrong type or a missing field: " + e.Message, e);
        }
    }

    private static GenesisSpec ParseDocument(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new FormatException("Genesis file is not valid JSON: " + e.Message, e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("Genesis file must be a JSON object.");
            var preset = root.TryGetProperty("preset", out var pr) ? pr.GetString() : "devnet";
            var parameters = preset switch
            {
                "devnet" => ProtocolParameters.Devnet,
                "mainnet" => ProtocolParameters.Mainnet,
                _ => throw new FormatException($"preset must be \"devnet\" or \"mainnet\", got \"{preset}\"."),
            };
            if (root.TryGetProperty("parameters", out var ps))
            {
                foreach (var prop in ps.EnumerateObject())
                {
                    if (prop.Name == nameof(ProtocolParameters.InitialInflation))
                    {
                        parameters = parameters with { InitialInflation = prop.Value.GetInt64() };
                        continue;
                    }
                    if (!Enum.TryParse<ParameterName>(prop.Name, ignoreCase: false, out var name))
                        throw new FormatException($"Unknown parameter \"{prop.Name}\"; known: {string.Join(", ", Enum.GetNames<ParameterName>())}, InitialInflation.");
                    parameters = parameters.With(name, Amount(prop.Value, "parameters." + prop.Name));
                }
            }
            var problems = ParameterValidator.Problems(parameters);
            if (problems.Count > 0) throw new FormatException("Genesis parameters: " + string.Join(" ", problems));
            var startBlock = root.TryGetProperty("startBlock", out var sb) ? sb.GetInt64() : 0;
            var allocations = ImmutableArray.CreateBuilder<GenesisAllocation>();
            if (root.TryGetProperty("mainnetAllocations", out var ma) && ma.GetBoolean())
                allocations.AddRange(GenesisBuilder.MainnetAllocations(root.TryGetProperty("vestingStart", out var vs) ? vs.GetInt64() : 0));
            if (root.TryGetProperty("allocations", out var al))
            {
                var i = 0;
                foreach (var a in al.EnumerateArray())
                {
                    var where = $"allocations[{i++}]";
                    allocations.Add(new GenesisAllocation(
                        a.TryGetProperty("label", out var l) ? l.GetString() ?? where : where,
                        Addr(a, where),
                        Amount(a.GetProperty("amount"), where + ".amount"),
                        a.TryGetProperty("vestingStart", out var st) ? st.GetInt64() : 0,
                        a.TryGetProperty("cliff", out var c) ? c.GetInt64() : 0,
                        a.TryGetProperty("duration", out var d) ? d.GetInt64() : 0));
                }
            }
            var eth = ImmutableArray.CreateBuilder<(Address, UInt256)>();
            if (root.TryGetProperty("eth", out var el))
            {
                var i = 0;
                foreach (var e in el.EnumerateArray())
                {
                    var where = $"eth[{i++}]";
                    eth.Add((Addr(e, where), Amount(e.GetProperty("amount"), where + ".amount")));
                }
            }
            var verifiers = ImmutableArray.CreateBuilder<Address>();
            if (root.TryGetProperty("verifiers", out var vl))
                foreach (var v in vl.EnumerateArray()) verifiers.Add(Address.Parse(v.GetString() ?? ""));
            return new GenesisSpec
            {
                Parameters = parameters,
                StartBlock = startBlock,
                Allocations = allocations.ToImmutable(),
                Eth = eth.ToImmutable(),
                Verifiers = verifiers.ToImmutable(),
                VerifierThreshold = root.TryGetProperty("verifierThreshold", out var vt) ? vt.GetInt32() : 0,
            };
        }
    }

    private static Address Addr(JsonElement e, string where)
    {
        var text = e.TryGetProperty("address", out var a) ? a.GetString() : null;
        return Address.TryParse(text, out var address) ? address : throw new FormatException($"{where}.address \"{text}\" is not a 0x address.");
    }

    private static UInt256 Amount(JsonElement e, string where)
    {
        var text = e.ValueKind == JsonValueKind.Number ? e.GetRawText() : e.GetString();
        return UInt256.TryParse(text, out var v) ? v : throw new FormatException($"{where} \"{text}\" is not a non-negative integer (wei).");
    }
}
