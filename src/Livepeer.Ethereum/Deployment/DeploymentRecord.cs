using System.Text.Json;
using System.Text.Json.Serialization;

namespace Livepeer.Ethereum.Deployment;

/// <summary>What a deployment produced: the chain, the Controller, every registered contract and the block it ended at.</summary>
public sealed record DeploymentRecord(
    [property: JsonPropertyName("chainId")] long ChainId,
    [property: JsonPropertyName("controller")] string Controller,
    [property: JsonPropertyName("deployer")] string Deployer,
    [property: JsonPropertyName("block")] long Block,
    [property: JsonPropertyName("contracts")] IReadOnlyDictionary<string, string> Contracts)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The record as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a record written by <see cref="ToJson"/>.</summary>
    public static DeploymentRecord FromJson(string json) =>
        JsonSerializer.Deserialize<DeploymentRecord>(json, Json) ?? throw new JsonException("empty deployment record");

    /// <summary>The address registered under <paramref name="name"/>.</summary>
    public string Address(string name) =>
        Contracts.TryGetValue(name, out var a) ? a : throw new KeyNotFoundException($"The deployment has no contract named {name}.");
}
