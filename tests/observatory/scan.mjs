// The MDN HTTP Observatory's own scanner and grader, run against a host served on this machine
// (tests/quality/test_observatory.py starts it on ports 80 and 443). Prints the result as JSON.
import { scan } from "@mdn/mdn-http-observatory/src/scanner/index.js";

const result = await scan(process.argv[2]);
const tests = Object.fromEntries(
  Object.entries(result.tests).map(([name, test]) => [
    name,
    { pass: test.pass, result: test.result, scoreModifier: test.scoreModifier },
  ]),
);
console.log(JSON.stringify({ scan: result.scan, tests }, null, 2));
