// Signs ledger transactions with ethers and checks ours: for each case, ethers' signTypedData over our typed data,
// and the address ethers recovers from our signature. Reads one JSON request on stdin, writes one JSON response.
import { ethers } from "ethers";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const results = [];
for (const c of request.cases) {
  const wallet = new ethers.Wallet(c.privateKey);
  const typed = JSON.parse(c.typedData);
  const types = { ...typed.types };
  delete types.EIP712Domain;
  results.push({
    address: wallet.address,
    signature: await wallet.signTypedData(typed.domain, types, typed.message),
    recoveredFromOurs: ethers.verifyTypedData(typed.domain, types, typed.message, c.ourSignature),
  });
}
process.stdout.write(JSON.stringify({ results }));
