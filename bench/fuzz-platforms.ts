/**
 * `npm run fuzz` (also `npm run bench -- fuzz`): feeds each platform parser ≥ 100,000 malformed inputs generated
 * from valid samples, and WeChat's decryption a stream of damaged ciphertexts. A parser may reject an input only
 * with its own typed error; any other exception (a TypeError, a stack overflow) or an input taking over a second
 * is a crash, printed with its seed so it can be replayed. Not part of the test run: it takes a minute or two.
 */
import { DouyinParseError, parseDouyinPush } from '@server/channels/douyin/parse';
import { decryptMessage, encryptMessage, WechatCryptoError } from '@server/channels/wechat-crypto/crypto';
import { parseWechatOaPush, WechatParseError } from '@server/channels/wechat-oa/parse';
import { parseSyncMsgResponse, parseWecomCallback, WecomParseError } from '@server/channels/wecom-kf/parse';
import { parseWhatsappWebhook, WhatsappParseError } from '@server/channels/whatsapp/parse';
import { mutateJson, mutateText, type Random, randomSource } from './fuzz-mutate';
import { FUZZ_SAMPLES } from './fuzz-samples';

interface Target {
  name: string;
  /** One malformed input, generated from the samples, given to the parser. */
  run(random: Random): void;
  expected(error: unknown): boolean;
}

const jsonTarget = (
  name: string,
  samples: readonly unknown[],
  parse: (json: unknown) => unknown,
  errorClass: abstract new (...args: never[]) => Error,
): Target => ({
  name,
  run(random) {
    const sample = random.pick(samples);
    if (random.int(2) === 0) {
      parse(mutateJson(sample, random));
      return;
    }
    // The webhook's own path: damaged bytes, JSON.parse (its SyntaxError is the webhook's 400), then the parser.
    let parsed: unknown;
    try {
      parsed = JSON.parse(mutateText(JSON.stringify(sample), random));
    } catch {
      parsed = mutateJson(sample, random);
    }
    parse(parsed);
  },
  expected: (error) => error instanceof errorClass,
});

const textTarget = (
  name: string,
  samples: readonly string[],
  parse: (text: string) => unknown,
  errorClass: abstract new (...args: never[]) => Error,
): Target => ({
  name,
  run: (random) => void parse(mutateText(random.pick(samples), random)),
  expected: (error) => error instanceof errorClass,
});

const CRYPTO_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const CRYPTO_RECEIVER = 'wx5823bf96d3bd56c7';
const ciphertexts = FUZZ_SAMPLES.wechatOa.map((xml) =>
  encryptMessage(xml, { encodingAesKey: CRYPTO_KEY, receiveId: CRYPTO_RECEIVER }),
);

export const FUZZ_TARGETS: Target[] = [
  textTarget('WeChat OA push XML', FUZZ_SAMPLES.wechatOa, parseWechatOaPush, WechatParseError),
  textTarget('WeCom callback XML', FUZZ_SAMPLES.wecomCallback, parseWecomCallback, WecomParseError),
  jsonTarget('WeCom kf/sync_msg JSON', FUZZ_SAMPLES.wecomSync, parseSyncMsgResponse, WecomParseError),
  jsonTarget('WhatsApp webhook JSON', FUZZ_SAMPLES.whatsapp, parseWhatsappWebhook, WhatsappParseError),
  textTarget('Douyin push JSON', FUZZ_SAMPLES.douyin, parseDouyinPush, DouyinParseError),
  jsonTarget(
    'Douyin push, parsed',
    // Parsed with the ids kept as digit strings, as the parser itself reads them.
    FUZZ_SAMPLES.douyin.map((text) => JSON.parse(text.replace(/_id": (\d+)/g, '_id": "$1"')) as unknown),
    parseDouyinPush,
    DouyinParseError,
  ),
  {
    name: 'WeChat AES ciphertext',
    run(random) {
      decryptMessage(mutateText(random.pick(ciphertexts), random), {
        encodingAesKeys: [CRYPTO_KEY],
        receiveId: CRYPTO_RECEIVER,
      });
    },
    expected: (error) => error instanceof WechatCryptoError,
  },
];

export interface FuzzFigures {
  name: string;
  inputs: number;
  rejected: number;
  crashes: { seed: number; error: string }[];
  slowestMs: number;
  inputsPerSecond: number;
}

const SLOW_MS = 1000;

export function fuzzTarget(target: Target, inputs: number, seed: number): FuzzFigures {
  let rejected = 0;
  let slowestMs = 0;
  const crashes: FuzzFigures['crashes'] = [];
  const started = performance.now();
  for (let i = 0; i < inputs; i++) {
    const inputSeed = seed + i;
    const random = randomSource(inputSeed);
    const before = performance.now();
    try {
      target.run(random);
    } catch (error) {
      if (target.expected(error)) rejected++;
      else if (crashes.length < 5) crashes.push({ seed: inputSeed, error: String(error).slice(0, 200) });
      else crashes.push({ seed: inputSeed, error: '' });
    }
    const took = performance.now() - before;
    slowestMs = Math.max(slowestMs, took);
    if (took > SLOW_MS) crashes.push({ seed: inputSeed, error: `took ${Math.round(took)} ms` });
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    name: target.name,
    inputs,
    rejected,
    crashes,
    slowestMs: Math.round(slowestMs * 10) / 10,
    inputsPerSecond: Math.round(inputs / seconds),
  };
}

/** The samples themselves must pass: a parser that rejects them would only be fuzzed at its first check. */
function samplesRejected(): string[] {
  const checks: [string, readonly unknown[], (input: never) => unknown][] = [
    ['WeChat OA', FUZZ_SAMPLES.wechatOa, parseWechatOaPush],
    ['WeCom callback', FUZZ_SAMPLES.wecomCallback, parseWecomCallback],
    ['WeCom sync', FUZZ_SAMPLES.wecomSync, parseSyncMsgResponse],
    ['WhatsApp', FUZZ_SAMPLES.whatsapp, parseWhatsappWebhook],
    ['Douyin', FUZZ_SAMPLES.douyin, parseDouyinPush],
  ];
  const rejected: string[] = [];
  for (const [name, samples, parse] of checks) {
    samples.forEach((sample, index) => {
      try {
        parse(sample as never);
      } catch (error) {
        rejected.push(`  sample ${index} of ${name} is rejected: ${String(error).slice(0, 160)}`);
      }
    });
  }
  return rejected;
}

export function fuzzPlatformParsers(
  inputsPerTarget = 100_000,
  seed = 20261202,
): { lines: string[]; failures: number } {
  const lines: string[] = samplesRejected();
  let failures = lines.length;
  for (const target of FUZZ_TARGETS) {
    const figures = fuzzTarget(target, inputsPerTarget, seed);
    failures += figures.crashes.length;
    lines.push(
      `  ${figures.name.padEnd(26)} ${figures.inputs.toLocaleString('en')} inputs, ` +
        `${figures.rejected.toLocaleString('en')} rejected with the typed error, ` +
        `${figures.crashes.length} crashes, slowest ${figures.slowestMs} ms, ${figures.inputsPerSecond.toLocaleString('en')} inputs/s`,
    );
    for (const crash of figures.crashes.slice(0, 5)) {
      lines.push(`    crash with seed ${crash.seed}: ${crash.error}`);
    }
  }
  return { lines, failures };
}
