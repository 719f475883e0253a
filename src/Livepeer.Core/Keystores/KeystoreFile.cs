using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Core.Crypto;

namespace Livepeer.Core.Keystores;

/// <summary>
/// Web3 Secret Storage version 3 (the keystore files of geth and ethers): the private key encrypted with AES-128-CTR under
/// a key derived from the password (scrypt or pbkdf2), authenticated by MAC = keccak256(derivedKey[16..32] || ciphertext).
/// </summary>
/// <remarks>
/// Passwords are encoded as plain UTF-8, as geth does. ethers first normalizes them to NFKC; the two agree for ASCII and
/// for any text already in NFKC form. When decrypting, the NFKC form is tried as well where the runtime can compute it
/// (not under invariant globalization), so ethers files with other passwords open too.
/// </remarks>
public static class KeystoreFile
{
    private const int DerivedKeyLength = 32;

    /// <summary>Encrypts <paramref name="key"/> into keystore JSON. Randomness (salt, IV, id) comes from the CSPRNG unless injected.</summary>
    public static string Encrypt(PrivateKey key, string password, KeyDerivation kdf, Action<Span<byte>>? fillRandom = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(kdf);
        fillRandom ??= RandomNumberGenerator.Fill;
        var salt = new byte[32];
        var iv = new byte[16];
        var id = new byte[16];
        fillRandom(salt);
        fillRandom(iv);
        fillRandom(id);
        id[6] = (byte)((id[6] & 0x0F) | 0x40); // UUID version 4
        id[8] = (byte)((id[8] & 0x3F) | 0x80); // RFC 4122 variant

        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var derived = kdf.Derive(passwordBytes, salt, DerivedKeyLength);
        var secret = key.ToArray();
        try
        {
            var ciphertext = AesCtr.Transform(derived.AsSpan(0, 16), iv, secret);
            var mac = Mac(derived, ciphertext);
            var kdfParams = kdf switch
            {
                ScryptKdf s => new JsonObject { ["dklen"] = DerivedKeyLength, ["n"] = s.N, ["p"] = s.P, ["r"] = s.R, ["salt"] = Hex.Encode(salt, false) },
                Pbkdf2Kdf p => new JsonObject { ["c"] = p.Iterations, ["dklen"] = DerivedKeyLength, ["prf"] = "hmac-sha256", ["salt"] = Hex.Encode(salt, false) },
                _ => throw new ArgumentException($"Unsupported key derivation {kdf.Name}.", nameof(kdf)),
            };
            var json = new JsonObject
            {
                ["address"] = Hex.Encode(key.Address.Bytes, false),
                ["crypto"] = new JsonObject
                {
                    ["cipher"] = "aes-128-ctr",
                    ["ciphertext"] = Hex.Encode(ciphertext, false),
                    ["cipherparams"] = new JsonObject { ["iv"] = Hex.Encode(iv, false) },
                    ["kdf"] = kdf.Name,
                    ["kdfparams"] = kdfParams,
                    ["mac"] = Hex.Encode(mac, false),
                },
                ["id"] = new Guid(id, bigEndian: true).ToString(),
                ["version"] = 3,
            };
            return json.ToJsonString();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>
    /// Decrypts keystore JSON. Throws <see cref="WrongPasswordException"/> when the MAC does not match and
    /// <see cref="KeystoreFormatException"/> when the file is corrupted or uses something unsupported.
    /// </summary>
    public static PrivateKey Decrypt(string json, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var parsed = ParsedKeystore.Parse(json);
        var normalized = password.Normalize(NormalizationForm.FormKC);
        var candidates = normalized == password ? [password] : new[] { password, normalized };
        foreach (var candidate in candidates)
        {
            var derived = parsed.Kdf.Derive(Encoding.UTF8.GetBytes(candidate), parsed.Salt, parsed.DerivedKeyLength);
            try
            {
                if (!CryptographicOperations.FixedTimeEquals(Mac(derived, parsed.Ciphertext), parsed.Mac)) continue;
                var secret = AesCtr.Transform(derived.AsSpan(0, 16), parsed.Iv, parsed.Ciphertext);
                try
                {
                    PrivateKey key;
                    try { key = PrivateKey.FromBytes(secret); }
                    catch (InvalidPrivateKeyException e) { throw new KeystoreFormatException($"The keystore decrypts to an invalid private key: {e.Message}", e); }
                    if (parsed.Address is { } address && address != key.Address)
                        throw new KeystoreFormatException($"The keystore's address field says {address} but its key belongs to {key.Address}; the file was altered.");
                    return key;
                }
                finally { CryptographicOperations.ZeroMemory(secret); }
            }
            finally { CryptographicOperations.ZeroMemory(derived); }
        }
        throw new WrongPasswordException(
            parsed.Address is { } a ? $"Wrong password for account {a}: the keystore MAC does not match." : "Wrong password: the keystore MAC does not match.");
    }

    /// <summary>The address a keystore declares (without decrypting); throws <see cref="KeystoreFormatException"/> when it has none.</summary>
    public static Address ReadAddress(string json) =>
        ParsedKeystore.Parse(json).Address ?? throw new KeystoreFormatException("The keystore has no address field; decrypt it to learn its address.");

    /// <summary>The kdf name a keystore uses ("scrypt" or "pbkdf2").</summary>
    public static string ReadKdf(string json) => ParsedKeystore.Parse(json).Kdf.Name;

    private static byte[] Mac(byte[] derived, byte[] ciphertext) =>
        Keccak256.HashConcat(derived[16..32], ciphertext).ToArray();

    private sealed record ParsedKeystore(Address? Address, KeyDerivation Kdf, byte[] Salt, int DerivedKeyLength, byte[] Iv, byte[] Ciphertext, byte[] Mac)
    {
        public static ParsedKeystore Parse(string json)
        {
            ArgumentNullException.ThrowIfNull(json);
            JsonNode? root;
            try { root = JsonNode.Parse(json); }
            catch (JsonException e) { throw new KeystoreFormatException($"The keystore is not valid JSON (corrupted or truncated?): {e.Message}", e); }
            if (root is not JsonObject obj) throw new KeystoreFormatException("The keystore is not a JSON object.");
            try
            {
                var version = obj["version"] ?? throw new KeystoreFormatException("The keystore has no version field.");
                if (version.GetValueKind() != JsonValueKind.Number || version.GetValue<double>() != 3)
                    throw new KeystoreFormatException($"Unsupported keystore version {version.ToJsonString()}; only version 3 (Web3 Secret Storage) is supported.");
                var crypto = (obj["crypto"] ?? obj["Crypto"]) as JsonObject ?? throw new KeystoreFormatException("The keystore has no crypto object.");
                var cipher = Text(crypto, "cipher");
                if (cipher != "aes-128-ctr") throw new KeystoreFormatException($"Unsupported keystore cipher '{cipher}'; only aes-128-ctr is supported.");
                var cipherParams = crypto["cipherparams"] as JsonObject ?? throw new KeystoreFormatException("The keystore has no crypto.cipherparams object.");
                var iv = Bytes(cipherParams, "iv", "crypto.cipherparams.iv");
                if (iv.Length != 16) throw new KeystoreFormatException($"crypto.cipherparams.iv must be 16 bytes, got {iv.Length}.");
                var ciphertext = Bytes(crypto, "ciphertext", "crypto.ciphertext");
                if (ciphertext.Length != 32) throw new KeystoreFormatException($"crypto.ciphertext must be 32 bytes (an encrypted private key), got {ciphertext.Length}.");
                var mac = Bytes(crypto, "mac", "crypto.mac");
                if (mac.Length != 32) throw new KeystoreFormatException($"crypto.mac must be 32 bytes, got {mac.Length}.");
                var kdfParams = crypto["kdfparams"] as JsonObject ?? throw new KeystoreFormatException("The keystore has no crypto.kdfparams object.");
                var dkLen = Integer(kdfParams, "dklen");
                if (dkLen < 32 || dkLen > 64) throw new KeystoreFormatException($"crypto.kdfparams.dklen must be 32 (at most 64), got {dkLen}.");
                var salt = Bytes(kdfParams, "salt", "crypto.kdfparams.salt");
                var kdfName = Text(crypto, "kdf");
                KeyDerivation kdf;
                try
                {
                    kdf = kdfName switch
                    {
                        "scrypt" => new ScryptKdf(Integer(kdfParams, "n"), Integer(kdfParams, "r"), Integer(kdfParams, "p")),
                        "pbkdf2" => Text(kdfParams, "prf") == "hmac-sha256"
                            ? new Pbkdf2Kdf(Integer(kdfParams, "c"))
                            : throw new KeystoreFormatException($"Unsupported pbkdf2 prf '{Text(kdfParams, "prf")}'; only hmac-sha256 is supported."),
                        _ => throw new KeystoreFormatException($"Unsupported keystore kdf '{kdfName}'; scrypt and pbkdf2 are supported."),
                    };
                }
                catch (ArgumentOutOfRangeException e)
                {
                    throw new KeystoreFormatException($"Unsupported {kdfName} parameters: {e.Message.Split(Environment.NewLine)[0]}", e);
                }
                Address? address = null;
                if (obj["address"] is JsonNode addressNode)
                {
                    var text = addressNode.GetValue<string>();
                    try { address = new Livepeer.Core.Address(Hex.DecodeExact(text, Livepeer.Core.Address.Length, "The keystore address")); }
                    catch (FormatException e) { throw new KeystoreFormatException(e.Message, e); }
                }
                return new ParsedKeystore(address, kdf, salt, dkLen, iv, ciphertext, mac);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                throw new KeystoreFormatException($"The keystore is corrupted: {e.Message}", e);
            }
        }

        private static string Text(JsonObject obj, string name) =>
            obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
                : throw new KeystoreFormatException($"The keystore field '{name}' is missing or not a string.");

        private static int Integer(JsonObject obj, string name) =>
            obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n
                : obj[name] is JsonValue d && d.GetValueKind() == JsonValueKind.Number && d.TryGetValue<double>(out var x) && x == Math.Floor(x) && x is > 0 and < int.MaxValue ? (int)x
                : throw new KeystoreFormatException($"The keystore field '{name}' is missing or not an integer.");

        private static byte[] Bytes(JsonObject obj, string name, string path)
        {
            var text = Text(obj, name);
            try { return Hex.Decode(text); }
            catch (FormatException e) { throw new KeystoreFormatException($"{path} is not hex: {e.Message}", e); }
        }
    }
}
