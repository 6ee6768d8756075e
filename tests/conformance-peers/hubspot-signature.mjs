// Signs or checks one request with @hubspot/api-client's Signature helper (the peer under test).
// stdin: {"mode":"sign"|"verify", "clientSecret", "method", "url", "body", "timestamp", "signature"?}
// stdout: {"signature": "..."} or {"valid": true|false, "error"?: "..."}
import { Signature } from '@hubspot/api-client';

const input = JSON.parse(await new Response(process.stdin).text());
const options = {
  signatureVersion: 'v3',
  clientSecret: input.clientSecret,
  method: input.method,
  url: input.url,
  requestBody: input.body,
  timestamp: input.timestamp,
};
if (input.mode === 'sign') {
  process.stdout.write(JSON.stringify({ signature: Signature.getSignature(input.method, 'v3', options) }));
} else {
  try {
    process.stdout.write(JSON.stringify({ valid: Signature.isValid({ ...options, signature: input.signature }) }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ valid: false, error: String(error.message) }));
  }
}
