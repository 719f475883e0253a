using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Orchestrator.Misbehaviour;
using Livepeer.Node.Orchestrator.Results;
using Livepeer.Protocol.Slashing;
using Livepeer.Wire.Segments;
using Microsoft.Extensions.Logging.Abstractions;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.Verification;

/// <summary>The cheats are decorators put around honest parts where the orchestrator is built; honest parts stay bare.</summary>
public class MisbehaviourDecoratorTests
{
    private static readonly PrivateKey Key = PrivateKey.Generate(new Random(77).NextBytes);

    private sealed class OneRendition : IOrchestratorTranscoder
    {
        public List<string> Ended { get; } = [];

        public Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<TranscodedRendition>>([new TranscodedRendition("P", [1, 2, 3], 1000, "video/mp4")]);

        public void EndSession(string sessionId) => Ended.Add(sessionId);
    }

    [Theory]
    [InlineData(Misbehaviour.None)]
    [InlineData(Misbehaviour.Equivocate)]
    public void HonestRenditionsKeepTheTranscoderBare(Misbehaviour misbehaviour)
    {
        var honest = new OneRendition();
        Assert.Same(honest, MisbehaviourDecorators.Transcoder(honest, misbehaviour));
    }

    [Theory]
    [InlineData(Misbehaviour.None)]
    [InlineData(Misbehaviour.TamperVideo)]
    [InlineData(Misbehaviour.WrongPixels)]
    public void HonestRepeatsKeepTheSameAnswer(Misbehaviour misbehaviour) =>
        Assert.Same(SameAnswer.Instance, MisbehaviourDecorators.RepeatedAnswers(misbehaviour, Key, NullLogger.Instance));

    [Fact]
    public async Task WrongPixelsDoublesThePixelsAndPassesSessionEndsThrough()
    {
        var honest = new OneRendition();
        var cheat = MisbehaviourDecorators.Transcoder(honest, Misbehaviour.WrongPixels);
        Assert.IsType<MisbehavingTranscoder>(cheat);
        var renditions = await cheat.TranscodeAsync(new SegmentJob("m", 1, [0], TimeSpan.FromSeconds(1), []), CancellationToken.None);
        Assert.Equal(2000, Assert.Single(renditions).Pixels);
        cheat.EndSession("session");
        Assert.Equal(new[] { "session" }, honest.Ended);
    }

    [Fact]
    public void EquivocationAnswersASegmentSentAgainWithASecondSignedResult()
    {
        var store = new RenditionStore(TimeSpan.FromMinutes(1), TimeProvider.System);
        var ts = Enumerable.Range(0, 188).Select(i => i == 0 ? (byte)0x47 : (byte)0).ToArray();
        var path = store.Put("/stream/s/4/0.ts", ts, "video/mp2t");
        var (profiles, source) = (Keccak256.Hash("profiles"u8), Keccak256.Hash("source"u8));
        var honestData = new Proto.TranscodeData();
        honestData.Segments.Add(new Proto.TranscodedSegmentData { Url = "https://127.0.0.1:1" + path, Pixels = 5000 });
        new ResultSigner(Key).Sign(honestData, "m", 4, profiles, source, [ts]);
        var repeat = new RepeatedSegment(new AnsweredSegment(source, honestData, [path], 5000, DateTimeOffset.MaxValue), "s", "m", 4, profiles, source,
            store, new Uri("https://127.0.0.1:1/"));

        Assert.Equal(honestData, SameAnswer.Instance.Answer(repeat));
        var second = MisbehaviourDecorators.RepeatedAnswers(Misbehaviour.Equivocate, Key, NullLogger.Instance).Answer(repeat);

        var rendition = Assert.Single(second.Segments);
        Assert.Equal("https://127.0.0.1:1/stream/s/4/0-again.ts", rendition.Url);
        Assert.Equal(5000, rendition.Pixels);
        var bytes = store.Get("/stream/s/4/0-again.ts")!.Value.Data;
        Assert.Equal(ts.Length + 188, bytes.Length);
        Assert.NotEqual(honestData.ClaimSig, second.ClaimSig);
        // Both answers are the orchestrator's: two signed claims for one segment, which is what slashing needs.
        var claim = SegmentClaim.Hash("m", 4, profiles, source, TranscodeResultHash.Of([bytes]));
        Assert.Equal(Key.Address, PersonalMessage.Recover(claim.Bytes, Signature.FromBytes(second.ClaimSig.Span)));
        Assert.Equal(Key.Address, PersonalMessage.Recover(TranscodeResultHash.Of([bytes]).Bytes, Signature.FromBytes(second.Sig.Span)));
    }
}
