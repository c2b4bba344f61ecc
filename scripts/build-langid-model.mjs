#!/usr/bin/env node
// Run by `npm run build`: packs eld/small's n-gram model (eld 2.x, Apache-2.0, © Nito T.M.) into
//   dist/langid/ngram-model.bin
// which src/langid/ngram-model.ts reads in ~1 ms into typed arrays of ~3 MB. eld itself holds the
// same model as a JS object of 81k keys: ~0.4 s and ~150 MB of RSS in every thread that loads it.
// The file also carries what eld's text processing depends on (its byte dictionary and its word
// separator regex), so detection needs nothing of eld at run time and gives eld's answers exactly
// (test/langid/ngram-detect.test.ts checks that against eld itself).
//
// Layout, little-endian: "SIDNGRAM" · u32 header length · header JSON
//   {format, model, languages[], dictionary (256 one-char strings as one string), separators
//    {source, flags}, ngrams (count), pairs (count)}
// · per n-gram, sorted by key: 6 key bytes (the n-gram's char codes, each < 256, 0-padded), one
//   byte of pair count, then that many (language index, score) byte pairs.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const FORMAT = "selfid.ngram-model/1";
const out = fileURLToPath(new URL("../dist/langid/ngram-model.bin", import.meta.url));

// eld's export map only exposes its entries; its data modules sit beside them.
const eldSrc = join(dirname(fileURLToPath(import.meta.resolve("eld/small"))), "..");
const load = (file) => import(pathToFileURL(join(eldSrc, file)).href);
const { ngramsData } = await load("ngrams/small.js");
const { dictionary } = await load("dictionary.js");
const { separators } = await load("regexPatterns.js");

const fail = (message) => {
  console.error(`build-langid-model: ${message}`);
  process.exit(1);
};
if (dictionary.length !== 256 || dictionary.some((c) => c.length !== 1 || c.charCodeAt(0) > 255)) {
  fail("eld's byte dictionary is not 256 one-byte characters; the model format cannot hold it");
}
const languages = Object.keys(ngramsData.languages)
  .map(Number)
  .sort((a, b) => a - b)
  .map((index, i) => {
    if (index !== i) fail(`eld's language indexes are not 0…n-1 (${index} at ${i})`);
    return ngramsData.languages[index];
  });

const keys = Object.keys(ngramsData.ngrams).sort();
let pairs = 0;
const parts = [];
for (const key of keys) {
  if (key.length < 1 || key.length > 6) fail(`n-gram ${JSON.stringify(key)} is not 1–6 characters`);
  const scores = Object.entries(ngramsData.ngrams[key]);
  if (scores.length > 255) fail(`n-gram ${JSON.stringify(key)} has ${scores.length} languages`);
  const entry = Buffer.alloc(7 + 2 * scores.length);
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code === 0 || code > 255) fail(`n-gram ${JSON.stringify(key)} has character ${code}`);
    entry[i] = code;
  }
  entry[6] = scores.length;
  scores.forEach(([lang, score], i) => {
    const index = Number(lang);
    if (!Number.isInteger(score) || score < 0 || score > 255 || !(index < languages.length)) {
      fail(`n-gram ${JSON.stringify(key)}: score ${score} for language ${lang} does not fit a byte`);
    }
    entry[7 + 2 * i] = index;
    entry[8 + 2 * i] = score;
  });
  pairs += scores.length;
  parts.push(entry);
}

const header = Buffer.from(
  JSON.stringify({
    format: FORMAT,
    model: `eld ${ngramsData.type}`,
    languages,
    dictionary: dictionary.join(""),
    separators: { source: separators.source, flags: separators.flags },
    ngrams: keys.length,
    pairs,
  }),
);
const length = Buffer.alloc(4);
length.writeUInt32LE(header.length);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.partial`, Buffer.concat([Buffer.from("SIDNGRAM"), length, header, ...parts]));
renameSync(`${out}.partial`, out);
