using Livepeer.Core.Crypto;

namespace Livepeer.Core.Tests.Crypto;

public class Secp256k1Tests
{
    [Fact]
    public void MissingLibraryErrorSaysHowToInstallIt()
    {
        var e = Secp256k1.Unavailable(new DllNotFoundException("libsecp256k1.so.1: cannot open shared object file"));
        Assert.Contains("apt-get install libsecp256k1-1", e.Message);
        Assert.Contains("libsecp256k1.so.1", e.Message);
        Assert.IsType<DllNotFoundException>(e.InnerException);
    }

    [Fact]
    public void RandomBytesNeverCrashOnlyTypedErrors()
    {
        var random = new Random(99);
        var hash = Keccak256.Hash("fuzz"u8);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(3) == 0 ? random.Next(0, 80) : 65];
            random.NextBytes(bytes);
            if (bytes.Length == 65 && random.Next(2) == 0) bytes[64] = (byte)(27 + random.Next(2));
            try
            {
                var signature = Signature.FromBytes(bytes);
                try { signature.Recover(hash); }
                catch (InvalidSignatureException) { }
            }
            catch (InvalidSignatureException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
        }
    }

    [Fact]
    public void PublicKeysOffTheCurveAreRefused()
    {
        var notOnCurve = new byte[64];
        notOnCurve[31] = 5; // x = 5 has no point
        Assert.Throws<FormatException>(() => PublicKey.FromBytes(notOnCurve));
        Assert.Throws<FormatException>(() => PublicKey.FromBytes(new byte[10]));
    }
}
