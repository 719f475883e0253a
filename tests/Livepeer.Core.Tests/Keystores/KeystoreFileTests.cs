using System.Text.Json.Nodes;
using Livepeer.Core.Crypto;
using Livepeer.Core.Keystores;

namespace Livepeer.Core.Tests.Keystores;

public class KeystoreFileTests
{
    // Test vectors of the Web3 Secret Storage definition (password "testpassword").
    private const string Pbkdf2Vector = """{"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},"ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2","kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},"mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}""";
    private const string ScryptVector = """{"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},"ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt","kdfparams":{"dklen":32,"n":262144,"r":1,"p":8,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},"mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}""";
    private const string VectorKey = "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";
    private static readonly ScryptKdf TestKdf = new(1 << 10, 8, 1);

    [Fact]
    public void SpecPbkdf2VectorDecrypts()
    {
        using var key = KeystoreFile.Decrypt(Pbkdf2Vector, "testpassword");
        Assert.Equal(VectorKey, key.ToHex());
        Assert.Equal(Address.Parse("0x008AeEda4D805471dF9b2A5B0f38A0C3bCBA786b"), key.Address);
    }

    [Fact]
    public void SpecScryptVectorIsRefusedAsOutsideRfc7914()
    {
        // Its n = 2^18 with r = 1 breaks RFC 7914's n < 2^(16 r); ethers and BouncyCastle refuse it as well.
        var e = Assert.Throws<KeystoreFormatException>(() => KeystoreFile.Decrypt(ScryptVector, "testpassword"));
        Assert.Contains("RFC 7914", e.Message);
    }

    [Fact]
    public void WrongPasswordIsItsOwnError()
    {
        var e = Assert.Throws<WrongPasswordException>(() => KeystoreFile.Decrypt(Pbkdf2Vector, "nope"));
        Assert.Contains("MAC does not match", e.Message);
    }

    [Fact]
    public void EncryptThenDecryptWithBothKdfs()
    {
        using var key = PrivateKey.Generate();
        foreach (KeyDerivation kdf in new KeyDerivation[] { TestKdf, new Pbkdf2Kdf(1000) })
        {
            var json = KeystoreFile.Encrypt(key, "pässwörd", kdf);
            var node = JsonNode.Parse(json)!;
            Assert.Equal(3, (int)node["version"]!);
            Assert.Equal(kdf.Name, (string)node["crypto"]!["kdf"]!);
            Assert.Equal(Hex.Encode(key.Address.Bytes, false), (string)node["address"]!);
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", (string)node["id"]!);
            using var back = KeystoreFile.Decrypt(json, "pässwörd");
            Assert.Equal(key.ToHex(), back.ToHex());
            Assert.Equal(key.Address, KeystoreFile.ReadAddress(json));
            Assert.Throws<WrongPasswordException>(() => KeystoreFile.Decrypt(json, "password"));
        }
    }

    [Fact]
    public void EncryptionIsRandomizedUnlessRandomnessIsInjected()
    {
        using var key = PrivateKey.Generate();
        Assert.NotEqual(KeystoreFile.Encrypt(key, "p", TestKdf), KeystoreFile.Encrypt(key, "p", TestKdf));
        Assert.Equal(KeystoreFile.Encrypt(key, "p", TestKdf, s => s.Fill(1)), KeystoreFile.Encrypt(key, "p", TestKdf, s => s.Fill(1)));
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"crypto\":", "not valid JSON")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("{\"version\":1}", "version 1")]
    [InlineData("{\"version\":3}", "no crypto")]
    public void CorruptedFilesAreFormatErrors(string json, string reason)
    {
        var e = Assert.Throws<KeystoreFormatException>(() => KeystoreFile.Decrypt(json, "testpassword"));
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData("crypto.cipher", "aes-128-cbc", "Unsupported keystore cipher")]
    [InlineData("crypto.kdf", "argon2", "Unsupported keystore kdf")]
    [InlineData("crypto.ciphertext", "zz", "not hex")]
    [InlineData("crypto.ciphertext", "5318", "must be 32 bytes")]
    [InlineData("crypto.mac", "", "must be 32 bytes")]
    [InlineData("crypto.cipherparams.iv", "00", "16 bytes")]
    [InlineData("crypto.kdfparams.prf", "hmac-sha512", "prf")]
    [InlineData("crypto.kdfparams.c", 0, "pbkdf2 parameters")]
    [InlineData("crypto.kdfparams.dklen", 16, "dklen")]
    [InlineData("crypto.kdfparams.salt", 7, "not a string")]
    [InlineData("address", "0x1234", "20 bytes")]
    public void DamagedFieldsAreFormatErrors(string path, object value, string reason)
    {
        var json = Edit(Pbkdf2Vector, path, value);
        var e = Assert.Throws<KeystoreFormatException>(() => KeystoreFile.Decrypt(json, "testpassword"));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void AbsurdScryptParametersAreRefusedBeforeDerivation()
    {
        var json = Edit(ScryptVector, "crypto.kdfparams.n", 1 << 30);
        Assert.Contains("scrypt", Assert.Throws<KeystoreFormatException>(() => KeystoreFile.Decrypt(json, "x")).Message);
        json = Edit(ScryptVector, "crypto.kdfparams.n", 1000);
        Assert.Contains("power of two", Assert.Throws<KeystoreFormatException>(() => KeystoreFile.Decrypt(json, "x")).Message);
    }

    [Fact]
    public void AlteredCiphertextIsCaughtByTheMac()
    {
        var json = Edit(Pbkdf2Vector, "crypto.ciphertext", "6318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46");
        Assert.Throws<WrongPasswordException>(() => KeystoreFile.Decrypt(json, "testpassword"));
    }

    [Fact]
    public void AddressFieldThatDisagreesWithTheKeyIsAFormatError()
    {
        var json = Edit(Pbkdf2Vector, "address", "2c7536e3605d9c16a7a3d7b1898e529396a65c23");
        Assert.Contains("altered", Assert.Throws<KeystoreFormatException>(() => KeystoreFile.Decrypt(json, "testpassword")).Message);
    }

    private static string Edit(string json, string path, object value)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var parts = path.Split('.');
        var target = root;
        foreach (var part in parts[..^1]) target = target[part]!.AsObject();
        target[parts[^1]] = value switch { int i => JsonValue.Create(i), string s => JsonValue.Create(s), _ => throw new ArgumentException() };
        return root.ToJsonString();
    }
}
