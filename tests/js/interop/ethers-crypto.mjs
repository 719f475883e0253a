// Cross-checks Livepeer.Core's crypto against ethers in one process run.
// Reads one JSON request on stdin, writes one JSON response on stdout. For every case it computes with ethers:
// the address of the key, signMessage, the EIP-712 digest and signTypedData, what ethers recovers from OUR signatures,
// and, for keystore cases, decrypts OUR keystore and encrypts its own (light scrypt) for us to decrypt.
import { ethers } from "ethers";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const results = [];
for (const c of request.cases) {
  const wallet = new ethers.Wallet(c.privateKey);
  const r = { address: wallet.address };

  r.signMessage = await wallet.signMessage(c.message);
  r.hashMessage = ethers.hashMessage(c.message);
  r.recoveredFromOurs = ethers.verifyMessage(c.message, c.ourMessageSignature);

  const typed = JSON.parse(c.typedData);
  const types = { ...typed.types };
  delete types.EIP712Domain; // ethers derives the domain type from the domain's fields
  r.typedDigest = ethers.TypedDataEncoder.hash(typed.domain, types, typed.message);
  r.signTypedData = await wallet.signTypedData(typed.domain, types, typed.message);
  r.recoveredTypedFromOurs = ethers.verifyTypedData(typed.domain, types, typed.message, c.ourTypedSignature);

  if (c.ourKeystore) {
    try {
      const opened = await ethers.Wallet.fromEncryptedJson(c.ourKeystore, c.password);
      r.keyFromOurKeystore = opened.privateKey;
    } catch (e) {
      r.keyFromOurKeystore = "ethers refused our keystore: " + e.shortMessage;
    }
    r.ethersKeystore = await ethers.encryptKeystoreJson(
      { address: wallet.address, privateKey: wallet.privateKey }, c.password, { scrypt: { N: request.scryptN } });
  }
  results.push(r);
}
process.stdout.write(JSON.stringify({ ethersVersion: ethers.version, results }));
