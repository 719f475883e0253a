using System.Text;
using Livepeer.Core.Crypto;
using Livepeer.Core.Keystores;

namespace Livepeer.Core.Tests.Keystores;

public class KeystoreFuzzTests
{
    [Fact]
    public void DamagedFilesGiveOnlyKeystoreErrors()
    {
        using var key = PrivateKey.Generate();
        var good = KeystoreFile.Encrypt(key, "pw", new Pbkdf2Kdf(1));
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var chars = good.ToCharArray();
            switch (random.Next(3))
            {
                case 0: chars[random.Next(chars.Length)] = (char)random.Next(32, 127); break; // one character changed
                case 1: chars = chars[..random.Next(chars.Length)]; break; // truncated
                default:
                    for (var j = 0; j < 5; j++) chars[random.Next(chars.Length)] = "{}[]\",:0x"[random.Next(9)];
                    break;
            }
            var damaged = new string(chars);
            try
            {
                using var opened = KeystoreFile.Decrypt(damaged, "pw");
                Assert.Equal(key.Address, opened.Address); // a harmless change (e.g. in the id) still opens to the same key
            }
            catch (KeystoreException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message), Encoding.UTF8.GetByteCount(damaged).ToString());
            }
        }
    }
}
