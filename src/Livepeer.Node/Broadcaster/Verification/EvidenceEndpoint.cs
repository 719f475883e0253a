using Livepeer.Core;
using Livepeer.Node.Evidence;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Node.Broadcaster.Verification;

/// <summary>GET /api/evidence/{hash}: an evidence bundle's canonical bytes, for verifiers to download and re-check.</summary>
public static class EvidenceEndpoint
{
    /// <summary>The bundle, 400 for a malformed hash, 404 when this broadcaster has none with that hash.</summary>
    public static async Task<IResult> GetAsync(EvidenceStore store, string hash, CancellationToken ct)
    {
        Hash h;
        try { h = Hash.Parse(hash); }
        catch (Exception e) when (e is FormatException or ArgumentException) { return Results.BadRequest($"'{hash}' is not a 32-byte 0x hash."); }
        return await store.GetAsync(h, ct) is { } bytes
            ? Results.Bytes(bytes, "application/json")
            : Results.NotFound($"No evidence {h} here.");
    }
}
