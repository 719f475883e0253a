using System.Security.Cryptography;

namespace Livepeer.Core.Keystores;

/// <summary>AES-128-CTR built on AES-ECB: the keystream is AES(counter), the counter being the IV as a 128-bit big-endian integer.</summary>
internal static class AesCtr
{
    /// <summary>Encrypts or decrypts (the same operation in CTR mode).</summary>
    internal static byte[] Transform(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input)
    {
        if (key.Length != 16) throw new ArgumentException("AES-128 needs a 16-byte key.", nameof(key));
        if (iv.Length != 16) throw new ArgumentException("AES-CTR needs a 16-byte IV.", nameof(iv));
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        var blocks = (input.Length + 15) / 16;
        var counters = new byte[blocks * 16];
        var counter = iv.ToArray();
        for (var b = 0; b < blocks; b++)
        {
            counter.CopyTo(counters, b * 16);
            for (var i = 15; i >= 0 && ++counter[i] == 0; i--)
            {
                // carry into the next byte
            }
        }
        var keystream = aes.EncryptEcb(counters, PaddingMode.None);
        var output = new byte[input.Length];
        for (var i = 0; i < input.Length; i++) output[i] = (byte)(input[i] ^ keystream[i]);
        CryptographicOperations.ZeroMemory(keystream);
        return output;
    }
}
