using Livepeer.Core.Crypto;
using Livepeer.Protocol.Signing;

namespace Livepeer.Protocol.Tests.Slashing;

public class SignedMessageTests
{
    [Fact]
    public void TheProtocolDigestIsTheEip191PersonalMessageHashOfThe32Bytes()
    {
        // What the orchestrator's PersonalMessage.Sign signs must be what the protocol checks, or no claim verifies.
        var hash = Keccak256.Hash("claim"u8);
        Assert.Equal(PersonalMessage.Hash(hash.Bytes), EthereumSignedMessage.Digest(hash));
    }
}
