/** `npm run fuzz [inputs per parser] [seed]`: exits 1 when any parser crashed or rejected a valid sample. */
import { fuzzPlatformParsers } from './fuzz-platforms';

const inputs = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 20261202);
process.stdout.write(
  `Platform parser fuzzing — ${inputs.toLocaleString('en')} malformed inputs per parser, seed ${seed}\n`,
);
const { lines, failures } = fuzzPlatformParsers(inputs, seed);
process.stdout.write(`${lines.join('\n')}\n`);
process.exitCode = failures > 0 ? 1 : 0;
