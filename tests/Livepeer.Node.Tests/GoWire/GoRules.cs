using System.Numerics;
using System.Text;
using Google.Protobuf;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.GoWire;

/// <summary>
/// go-livepeer's wire rules, written here from the facts in shared/reference/go-livepeer-wire.md (not from go's code and
/// not from the project's wire code), so the suite checks the project against the facts rather than against itself.
/// </summary>
internal static class GoRules
{
    /// <summary>go's capability numbers (core/capabilities.go).</summary>
    public const int H264 = 0, MpegTs = 1, Mp4 = 2, FractionalFramerates = 3, StorageDirect = 4, Baseline = 7, Main = 8, High = 9, Gop = 11, AuthToken = 12,
        HevcEncode = 16, Vp8Encode = 19, Vp9Encode = 20;

    /// <summary>go's DefaultCapabilities (no VP9 or HEVC: a default CPU node).</summary>
    public static readonly int[] Defaults = [H264, MpegTs, Mp4, FractionalFramerates, StorageDirect, 5, 6, Baseline, Main, High, 10, Gop, AuthToken, 14];

    /// <summary>A bitstring: capability n is bit n % 64 of word n / 64.</summary>
    public static ulong[] Bits(params int[] caps)
    {
        var words = new ulong[caps.Length == 0 ? 0 : caps.Max() / 64 + 1];
        foreach (var c in caps) words[c / 64] |= 1UL << (c % 64);
        return words;
    }

    /// <summary>go's CapabilityString.CompatibleWith: a ⊆ b and a no longer than b.</summary>
    public static bool Within(IReadOnlyList<ulong> a, IReadOnlyList<ulong> b) => a.Count <= b.Count && a.Select((w, i) => (w & b[i]) == w).All(x => x);

    /// <summary>go's Eth.Sign(msg): EIP-191 "\x19Ethereum Signed Message:\n32" over keccak256(msg), r|s|v with v 27/28.</summary>
    public static byte[] Sign(PrivateKey key, byte[] message) => key.Sign(Eip191(Keccak256.Hash(message).ToArray())).ToArray();

    /// <summary>go's VerifySig(addr, msg, sig).</summary>
    public static bool Verify(Address signer, byte[] message, ByteString sig)
    {
        if (sig.Length != 65 || sig[64] is not (27 or 28)) return false;
        try { return Signature.FromBytes(sig.Span).Recover(Eip191(Keccak256.Hash(message).ToArray())) == signer; }
        catch (InvalidSignatureException) { return false; }
    }

    private static Hash Eip191(byte[] hash32) => Keccak256.Hash([.. "\u0019Ethereum Signed Message:\n32"u8, .. hash32]);

    /// <summary>OrchestratorRequest.sig's message: the 42-character EIP-55 text of the address.</summary>
    public static byte[] InfoSigMessage(Address address) => Encoding.ASCII.GetBytes(address.ToChecksumString());

    /// <summary>md.Flatten(): manifestID | LeftPad32(seq) | hash | ascii hex of keccak256(name)[0:4] per profile.</summary>
    public static byte[] Flatten(string manifest, long seq, byte[] hash, IEnumerable<string> names)
    {
        var seqBytes = new BigInteger(seq).ToByteArray(isUnsigned: true, isBigEndian: true);
        var profiles = string.Concat(names.Select(n => Convert.ToHexStringLower(Keccak256.Hash(Encoding.UTF8.GetBytes(n)).ToArray()[..4])));
        return [.. Encoding.UTF8.GetBytes(manifest), .. new byte[32 - seqBytes.Length], .. seqBytes, .. hash, .. Encoding.ASCII.GetBytes(profiles)];
    }

    /// <summary>
    /// What the orchestrator's result signature covers: segHash = keccak256 of this concatenation of each rendition's
    /// keccak256, signed as Eth.Sign(segHash) — so <see cref="Sign"/>/<see cref="Verify"/> over this concatenation.
    /// </summary>
    public static byte[] ResultMessage(IEnumerable<byte[]> renditions) => renditions.SelectMany(r => Keccak256.Hash(r).ToArray()).ToArray();

    /// <summary>go's signer.Sign(ticketHash): EIP-191 (32-byte message prefix) over the 32-byte ticket hash itself.</summary>
    public static byte[] SignTicket(PrivateKey key, byte[] ticketHash) => key.Sign(Eip191(ticketHash)).ToArray();

    /// <summary>Checks a ticket signature as go's validator does (EIP-191 over the ticket hash).</summary>
    public static bool VerifyTicket(Address signer, byte[] ticketHash, ByteString sig)
    {
        if (sig.Length != 65 || sig[64] is not (27 or 28)) return false;
        try { return Signature.FromBytes(sig.Span).Recover(Eip191(ticketHash)) == signer; }
        catch (InvalidSignatureException) { return false; }
    }

    /// <summary>big.Int.Bytes(): minimal big-endian, empty for 0.</summary>
    public static byte[] Minimal(BigInteger v) => v.IsZero ? [] : v.ToByteArray(isUnsigned: true, isBigEndian: true);

    private static byte[] Pad32(ReadOnlySpan<byte> b) => [.. new byte[32 - b.Length], .. b];

    /// <summary>
    /// The ticket hash: keccak256(recipient | sender | faceValue32 | winProb32 | nonce32 | recipientRandHash | auxData), auxData
    /// = LeftPad32(creationRound) | creationRoundBlockHash.
    /// </summary>
    public static byte[] TicketHash(Proto.TicketParams p, Address sender, uint nonce, Proto.TicketExpirationParams e) =>
        Keccak256.Hash([.. p.Recipient.Span, .. sender.Bytes, .. Pad32(p.FaceValue.Span), .. Pad32(p.WinProb.Span), .. Pad32(Minimal(nonce)),
            .. p.RecipientRandHash.Span, .. Pad32(Minimal(e.CreationRound)), .. e.CreationRoundBlockHash.Span]).ToArray();

    /// <summary>Expected value of one ticket in wei (rational, as go's): faceValue × winProb / (2^256 − 1).</summary>
    public static double Ev(Proto.TicketParams p) =>
        (double)(new BigInteger(p.FaceValue.Span, true, true) * new BigInteger(p.WinProb.Span, true, true) * 1000 / ((BigInteger.One << 256) - 1)) / 1000;

    /// <summary>
    /// A payment laid out as go's broadcaster lays it out: ticket_params without expiration_params, the creation round in
    /// Payment.expiration_params, nonces from <paramref name="firstNonce"/>, each ticket signed with go's rule.
    /// </summary>
    public static Proto.Payment Payment(PrivateKey sender, Proto.OrchestratorInfo info, int tickets, uint firstNonce = 1)
    {
        var offered = info.TicketParams;
        var expiration = offered.ExpirationParams;
        var ticketParams = offered.Clone();
        ticketParams.ExpirationParams = null;
        var payment = new Proto.Payment
        {
            TicketParams = ticketParams, Sender = ByteString.CopyFrom(sender.Address.Bytes), ExpirationParams = expiration, ExpectedPrice = info.PriceInfo,
        };
        for (var i = 0u; i < tickets; i++)
        {
            var nonce = firstNonce + i;
            var hash = TicketHash(offered, sender.Address, nonce, expiration);
            payment.TicketSenderParams.Add(new Proto.TicketSenderParams { SenderNonce = nonce, Sig = ByteString.CopyFrom(SignTicket(sender, hash)) });
        }
        return payment;
    }

    /// <summary>SegData as go's broadcaster writes it for a default ladder: profiles "invalid", fullProfiles (33), job capabilities, signed.</summary>
    public static Proto.SegData SegData(PrivateKey? broadcaster, Proto.OrchestratorInfo info, string manifest, long seq, byte[] body, IReadOnlyList<Proto.VideoProfile> ladder, ulong[] job)
    {
        var hash = Keccak256.Hash(body).ToArray();
        var seg = new Proto.SegData
        {
            ManifestId = ByteString.CopyFromUtf8(manifest), Seq = seq, Hash = ByteString.CopyFrom(hash), Profiles = ByteString.CopyFromUtf8("invalid"),
            Duration = 2000, AuthToken = info.AuthToken, Capabilities = new Proto.Capabilities { Bitstring = { job } },
            Sig = broadcaster is null ? ByteString.Empty : ByteString.CopyFrom(Sign(broadcaster, Flatten(manifest, seq, hash, ladder.Select(p => p.Name)))),
        };
        seg.FullProfiles.Add(ladder);
        return seg;
    }

    /// <summary>go's default ladder (MPEG-TS, integer fps, default encoder profile and GOP).</summary>
    public static readonly Proto.VideoProfile[] DefaultLadder =
    [
        new() { Name = "P240p30fps16x9", Width = 426, Height = 240, Bitrate = 600_000, Fps = 30 },
        new() { Name = "P360p30fps16x9", Width = 640, Height = 360, Bitrate = 1_200_000, Fps = 30 },
    ];
}
