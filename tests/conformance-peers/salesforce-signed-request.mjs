// The published example of the npm package salesforce-signed-request: its tests ship a real
// signed request and the consumer secret that signed it. Read from the installed package, not copied.
// stdout: {"signedRequest", "secret"}; with stdin {"signedRequest","secret"} and argv[2] === "decode",
// answers what the package's own decoder says about that pair instead.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const packageDir = require.resolve('salesforce-signed-request').replace(/index\.js$/, '');

if (process.argv[2] === 'decode') {
  const decode = require('salesforce-signed-request');
  const input = JSON.parse(await new Response(process.stdin).text());
  const result = decode(input.signedRequest, input.secret);
  process.stdout.write(JSON.stringify(result instanceof Error ? { valid: false, error: result.message } : { valid: true, request: result }));
} else {
  const tests = readFileSync(`${packageDir}test/tests.js`, 'utf8');
  const signedRequest = /signed_request\s*=\s*"([^"]+)"/.exec(tests)?.[1];
  const secret = /secret\s*=\s*"([^"]+)"/.exec(tests)?.[1];
  if (!signedRequest || !secret) {
    console.error('salesforce-signed-request: the published example was not found in test/tests.js');
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ signedRequest, secret }));
}
