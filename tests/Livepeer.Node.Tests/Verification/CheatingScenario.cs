using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Broadcaster.Verification;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Orchestrator.Misbehaviour;
using Livepeer.Node.Selection;
using Livepeer.Node.Tests.Network;
using Livepeer.Node.Transcoding;
using Livepeer.Node.Verifier;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Tests.Verification;

/// <summary>
/// A network for the slashing checks: a ledger whose genesis appoints three verifiers (two attestations slash), a cheating
/// orchestrator with most of the stake (and a delegator), an honest one with a little, a broadcaster that verifies every
/// result, and two verifier nodes. Real ffmpeg, one 256x144 profile, 1-second segments.
/// </summary>
public sealed class CheatingScenario : IAsyncDisposable
{
    /// <summary>The one-profile ladder.</summary>
    public static readonly VideoProfile Tiny = new("P144p", 256, 144, 200_000, 30, 1, 1);

    private static readonly Lazy<byte[]> SourceSegment = new(MakeSource);

    private CheatingScenario(LocalNetwork network) => Network = network;

    public LocalNetwork Network { get; }
    public OrchestratorNode Cheater { get; private set; } = null!;
    public OrchestratorNode Honest { get; private set; } = null!;
    public BroadcasterNode Broadcaster { get; private set; } = null!;
    public PrivateKey Delegator => Network.Accounts[2];
    public IReadOnlyList<VerifierNode> VerifierNodes { get; private set; } = [];
    public LedgerClient Chain { get; private set; } = null!;

    /// <summary>A 1-second 320x180 30 fps MPEG-TS segment with audio, made once with ffmpeg lavfi.</summary>
    public static byte[] Source => SourceSegment.Value;

    public static async Task<CheatingScenario> StartAsync(Misbehaviour cheat, int seed, ResultVerificationOptions verification, bool cheaterIsHonest = false)
    {
        var s = new CheatingScenario(await LocalNetwork.StartAsync(accounts: 3, seed, verifiers: 3, verifierThreshold: 2));
        var n = s.Network;
        s.Cheater = await n.StartOrchestratorAsync(n.Accounts[0], 900, new LocalSegmentTranscoder(new FfmpegTranscoder()),
            serving: new OrchestratorServingOptions { Misbehaviour = cheaterIsHonest ? Misbehaviour.None : cheat });
        s.Honest = await n.StartOrchestratorAsync(n.Accounts[1], 50, new LocalSegmentTranscoder(new FfmpegTranscoder()));
        using (var delegator = new LedgerClient(n.Ledger.RpcUri, s.Delegator)) await delegator.BondAsync(ProtocolParameters.Lpt(100), s.Cheater.Core.Address);
        await n.FundBroadcasterAsync();
        await n.NextRoundAsync();
        // Selection by stake only, and sessions kept however slow the loaded machine is: the cheater is asked first.
        s.Broadcaster = await n.StartBroadcasterAsync([Tiny], new SelectionOptions { StakeWeightPercent = 100, MaxLatencyScorePercent = 10_000 }, verification);
        s.VerifierNodes = [await n.StartVerifierAsync(n.Verifiers[0]), await n.StartVerifierAsync(n.Verifiers[1])];
        s.Chain = new LedgerClient(n.Ledger.RpcUri);
        return s;
    }

    /// <summary>Pushes the source as segment 0 of new streams until the cheater has answered one; returns that stream's name.</summary>
    public async Task<string> PushUntilTheCheaterAnswersAsync(string prefix)
    {
        using var http = new HttpClient { BaseAddress = Broadcaster.HttpAddress };
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var stream = $"{prefix}{attempt}";
            using var put = new HttpRequestMessage(HttpMethod.Put, $"live/{stream}/0.ts") { Content = new ByteArrayContent(Source) };
            put.Content.Headers.Add("Content-Duration", "1000");
            using var response = await http.SendAsync(put);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            if (Cheater.Core.Segments > 0) return stream;
        }
        throw new InvalidOperationException("The cheater was never selected.");
    }

    /// <summary>The rendition bytes the broadcaster published for segment 0 of a stream.</summary>
    public async Task<byte[]> PublishedRenditionAsync(string stream)
    {
        using var http = new HttpClient { BaseAddress = Broadcaster.HttpAddress };
        var playlist = await http.GetStringAsync($"hls/{stream}/{Tiny.Name}/index.m3u8");
        var segment = LocalNetwork.Segments(playlist).Single();
        return await http.GetByteArrayAsync($"hls/{stream}/{Tiny.Name}/{segment}");
    }

    /// <summary>Events of one name on the ledger so far.</summary>
    public async Task<IReadOnlyList<JsonElement>> EventsAsync(string name) =>
        (await Chain.GetLogsAsync(0, await Chain.BlockNumberAsync(), [name])).Select(l => l.Event.Args).ToList();

    /// <summary>Waits (bounded) until a Slashed event is on the ledger and returns it.</summary>
    public async Task<JsonElement> SlashedAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if ((await EventsAsync("Slashed")).FirstOrDefault() is { ValueKind: JsonValueKind.Object } e) return e;
            await Task.Delay(100);
        }
        var decisions = string.Join("; ", VerifierNodes.SelectMany(v => v.Decisions).Select(d => $"{d.Attested}: {d.Reason}"));
        throw new TimeoutException($"No slash within {timeout}. Verifier decisions: {decisions}");
    }

    /// <summary>What the ledger says before a slash, to compare with after it.</summary>
    public async Task<(UInt256 Supply, UInt256 FinderLpt, UInt256 DelegatorStake, UInt256 CheaterStake)> SnapshotAsync() =>
        ((await Chain.GetMinterInfoAsync()).TotalSupply, (await Chain.GetBalanceAsync(Network.BroadcasterKey.Address)).Lpt,
         (await Chain.GetDelegatorAsync(Delegator.Address)).PendingStake, (await Chain.GetTranscoderAsync(Cheater.Core.Address)).TotalStake);

    /// <summary>
    /// The slash took <paramref name="fraction"/> (ppm) of the cheater's pool, paid the broadcaster the finder fee, burned
    /// the rest, removed the cheater from the active set and shrank its delegator's stake in proportion.
    /// </summary>
    public async Task AssertSlashedAsync(JsonElement slashed, (UInt256 Supply, UInt256 FinderLpt, UInt256 DelegatorStake, UInt256 CheaterStake) before, long fraction, string reason)
    {
        var p = await Chain.GetParametersAsync();
        var penalty = UInt256.Parse(slashed.GetProperty("penalty").GetString()!);
        var finderReward = UInt256.Parse(slashed.GetProperty("finderReward").GetString()!);
        Assert.Equal(reason, slashed.GetProperty("reason").GetString());
        Assert.Equal(Cheater.Core.Address, Address.Parse(slashed.GetProperty("transcoder").GetString()!));
        Assert.Equal(Network.BroadcasterKey.Address, Address.Parse(slashed.GetProperty("finder").GetString()!));
        Assert.Equal(Ppm.Of(before.CheaterStake, fraction), penalty);
        Assert.Equal(Ppm.Of(penalty, p.FinderFee), finderReward);
        Assert.False(finderReward.IsZero);
        var after = await SnapshotAsync();
        Assert.Equal(before.FinderLpt + finderReward, after.FinderLpt);
        Assert.Equal(before.Supply - (penalty - finderReward), after.Supply);
        Assert.Equal(before.CheaterStake - penalty, after.CheaterStake);
        // 100 LPT delegated shrink by the same fraction (rounding: at most a wei apart).
        var expected = before.DelegatorStake - Ppm.Of(before.DelegatorStake, fraction);
        Assert.True(after.DelegatorStake <= expected + UInt256.One && after.DelegatorStake + UInt256.One >= expected,
            $"delegator stake {after.DelegatorStake}, expected {expected}");
        Assert.DoesNotContain(await Chain.GetTranscoderPoolAsync(), e => e.Transcoder == Cheater.Core.Address);
        Assert.Equal(1, (await Chain.GetTranscoderAsync(Cheater.Core.Address)).SlashCount);
    }

    private static byte[] MakeSource()
    {
        var path = Path.Combine(Path.GetTempPath(), $"livepeer-verify-source-{Environment.ProcessId}.ts");
        using (var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                   ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "1",
                    "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-c:a", "aac", "-f", "mpegts", path]) { RedirectStandardError = true })!)
        {
            ffmpeg.WaitForExit(30_000);
            if (ffmpeg.ExitCode != 0) throw new InvalidOperationException("ffmpeg could not make the test segment: " + ffmpeg.StandardError.ReadToEnd());
        }
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        Chain?.Dispose();
        await Network.DisposeAsync();
    }
}
