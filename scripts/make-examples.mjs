#!/usr/bin/env node
// Writes the demo corpus in examples/ that the README quick start scans (`npx selfid scan examples/`).
//
//   node scripts/make-examples.mjs [--labels FILE]
//
// Everything is generated from the hand-written pools below with a seeded PRNG (mulberry32), so a
// rerun is byte-identical. Each output file reseeds from its own name; the decks of claims and hard
// negatives are shared by all files (every item is used once before any repeats), so changing how
// many one file draws changes which items the later files get. About 7% of records carry a planted
// rival self-introduction (every English and Chinese claim and persona appears at least once) and
// about as many are hard negatives that must not be flagged; `--labels FILE` writes what was
// planted where (one JSON object per line: file, record, label, family, kind, lang, where, text)
// for checking a scan's hits by hand. No dependencies beyond node:zlib and, for .zst, zstd-napi.

import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "examples");

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, used to derive one seed per output file. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

let rand = mulberry32(1);
const reseed = (name) => {
  rand = mulberry32(hash(`selfid-examples/${name}`));
};
const int = (n) => Math.floor(rand() * n);
const pick = (items) => items[int(items.length)];
const chance = (p) => rand() < p;

function shuffle(items) {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Draws items in a shuffled order, reshuffling when all were used: spreads picks evenly. */
function deck(items) {
  let queue = [];
  return () => {
    if (queue.length === 0) queue = shuffle(items);
    return queue.pop();
  };
}

/** `n` distinct items (fewer if the pool is smaller). */
function sample(items, n) {
  return shuffle(items).slice(0, Math.min(n, items.length));
}

/** A weighted choice: `[[weight, value], ...]`. */
function weighted(pairs) {
  const total = pairs.reduce((sum, [w]) => sum + w, 0);
  let r = rand() * total;
  for (const [w, value] of pairs) {
    r -= w;
    if (r < 0) return value;
  }
  return pairs[pairs.length - 1][1];
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

const NO_SPACE_LANGS = new Set(["zh", "zh-Hant", "ja"]);
const sepOf = (lang) => (NO_SPACE_LANGS.has(lang) ? "" : " ");
const baseLang = (lang) => (lang === "zh-Hant" ? "zh" : lang);

function join2(lang, a, b) {
  if (a === "") return b;
  if (b === "") return a;
  return a + sepOf(lang) + b;
}

const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);

/** Sentence ends inside `text` where another sentence may be slotted in: offsets after the mark. */
function sentenceBreaks(text) {
  const out = [];
  const re = /[.!?。！？؟।](?:["”」』)]?)(\s+)|[。！？](?=\S)/gu;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (end < text.length - 1) out.push(end);
  }
  return out;
}

/**
 * `claim` put into `answer` at `where` ("start", "middle" or "end"). The middle is a sentence end
 * near the centre; an answer with code or line breaks, or with a single sentence, gets it at the end.
 */
function insertClaim(lang, answer, claim, where) {
  if (where === "start") return join2(lang, claim, answer);
  if (where === "middle" && !answer.includes("\n")) {
    const breaks = sentenceBreaks(answer);
    if (breaks.length > 0) {
      const mid = answer.length / 2;
      const at = breaks.reduce((best, b) => (Math.abs(b - mid) < Math.abs(best - mid) ? b : best));
      const head = answer.slice(0, at).trimEnd();
      const tail = answer.slice(at).trimStart();
      return join2(lang, join2(lang, head, claim), tail);
    }
  }
  if (answer.includes("\n\n")) return `${answer}\n\n${claim}`;
  return join2(lang, answer, claim);
}

/** `claim` as a paragraph just before the last paragraph of a long answer, or after it. */
function insertNearEnd(answer, claim) {
  const paragraphs = answer.split("\n\n");
  if (paragraphs.length > 2 && chance(0.5)) {
    paragraphs.splice(paragraphs.length - 1, 0, claim);
    return paragraphs.join("\n\n");
  }
  return `${answer}\n\n${claim}`;
}

/** Python's `json.dumps(value)` with its defaults: `", "`/`": "` separators and `ensure_ascii`. */
function pythonJson(value) {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .map(([k, v]) => `${asciiJson(k)}: ${pythonJson(v)}`)
      .join(", ")}}`;
  }
  return typeof value === "string" ? asciiJson(value) : JSON.stringify(value);
}

/** A JSON string with every non-ASCII (and DEL) UTF-16 unit written as a lower-case `\uXXXX`. */
function asciiJson(text) {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

// ---------------------------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------------------------

const EN = {
  lang: "en",
  qa: [
    [
      "How long should I boil an egg for a jammy yolk?",
      "Lower a room-temperature egg into gently boiling water for 6½ to 7 minutes, then move it to an ice bath for two minutes. If it comes straight from the fridge, add about 30 seconds.",
    ],
    [
      "What can I use instead of buttermilk in pancakes?",
      "Stir a tablespoon of lemon juice or white vinegar into a cup of milk and let it stand for 5–10 minutes. Thinned plain yogurt or kefir also work, and all of them keep the acidity the baking soda needs.",
    ],
    [
      "How do I keep fresh basil from wilting?",
      "Treat it like cut flowers: trim the stems, stand the bunch in a glass of water on the counter and loosely cover the leaves with a bag. Don't refrigerate it, because cold turns basil leaves black.",
    ],
    [
      "Why is my rice always mushy?",
      "Usually it's too much water or too much stirring. Rinse the rice until the water runs clear, use about 1 part rice to 1.25 parts water for long-grain white rice, keep the lid on, and let it rest off the heat for 10 minutes before fluffing.",
    ],
    [
      "How do I make a simple vinaigrette?",
      "Whisk 3 parts oil with 1 part vinegar or lemon juice, a pinch of salt and half a teaspoon of Dijon mustard to help it emulsify. Taste and adjust; a little honey softens a sharp vinegar.",
    ],
    [
      "What should I pack for a week of hiking in the Scottish Highlands in May?",
      "Pack layers: a base layer that wicks sweat, a fleece, and a properly waterproof jacket and trousers. Add broken-in boots, a warm hat, midge repellent, a paper map and compass, and more socks than you think you need.",
    ],
    [
      "Is it better to exchange currency before a trip or after I land?",
      "Airport kiosks usually have the worst rates. Bring a little cash for the first day, then withdraw from a bank ATM at your destination or pay with a card that has no foreign transaction fees, and always choose to pay in the local currency.",
    ],
    [
      "How early should I get to the airport for an international flight?",
      "Plan on about three hours before departure for international flights and two for domestic ones. Allow more during holidays or if you're checking bags at a busy hub.",
    ],
    [
      "Any tips for beating jet lag?",
      "Shift your sleep an hour a day toward the new time zone before you leave, get daylight in the morning after you arrive, and keep naps under 30 minutes. Caffeine is fine early in the day, but skip it in the afternoon.",
    ],
    [
      "How do I reverse a list in Python?",
      "Use `items.reverse()` to reverse in place, `items[::-1]` to get a reversed copy, or `reversed(items)` for a lazy iterator. Pick the in-place version when you no longer need the original order.",
    ],
    [
      "What's the difference between `let` and `const` in JavaScript?",
      "Both are block-scoped. A `const` binding can't be reassigned after it's declared, while a `let` binding can. Note that `const` doesn't make objects immutable: you can still change the properties of a `const` object.",
    ],
    [
      "How do I undo my last git commit but keep the changes?",
      "Run `git reset --soft HEAD~1`. The commit disappears, but your changes stay staged so you can edit them and commit again. If you already pushed it, prefer `git revert` so you don't rewrite shared history.",
    ],
    [
      "How do I find duplicate emails in a users table?",
      "Group by the column and keep the groups with more than one row:\n\n```sql\nSELECT email, COUNT(*) AS n\nFROM users\nGROUP BY email\nHAVING COUNT(*) > 1;\n```",
    ],
    [
      "Why does my shell script say 'permission denied'?",
      "The file probably isn't executable. Run `chmod +x script.sh` and start it with `./script.sh`, or run it through the interpreter directly with `bash script.sh`.",
    ],
    [
      "How do I center a div with CSS?",
      "Make the parent a flex container with `display: flex; justify-content: center; align-items: center;`. For horizontal centering only, a fixed-width block with `margin: 0 auto;` also works.",
    ],
    [
      "What does HTTP status 429 mean?",
      "429 Too Many Requests means you hit a rate limit. Check the `Retry-After` header if there is one, slow down, and retry with exponential backoff.",
    ],
    [
      "Can you explain Big O notation briefly?",
      "Big O describes how an algorithm's running time or memory grows with the size of the input. O(1) stays constant, O(n) grows linearly, O(n log n) is typical of good sorting algorithms, and O(n²) means doubling the input roughly quadruples the work.",
    ],
    [
      "What is the derivative of x^2 * sin(x)?",
      "Use the product rule: d/dx[x² · sin x] = 2x · sin x + x² · cos x.",
    ],
    [
      "What's a quick way to calculate a 15% tip?",
      "Take 10% by moving the decimal point one place to the left, then add half of that. On a $48 bill: $4.80 + $2.40 = $7.20.",
    ],
    [
      "What are prime numbers?",
      "A prime is a whole number greater than 1 whose only divisors are 1 and itself, like 2, 3, 5, 7, 11 and 13. The number 1 isn't prime, and 2 is the only even prime.",
    ],
    [
      "What's the chance of rolling at least one six in four rolls of a die?",
      "Work out the complement. The chance of no six in four rolls is (5/6)⁴ ≈ 0.482, so the chance of at least one six is about 1 − 0.482 = 0.518, or roughly 52%.",
    ],
    [
      "How do I convert Celsius to Fahrenheit?",
      "Multiply by 9/5 and add 32. For example, 20 °C × 1.8 = 36, plus 32 gives 68 °F. A rough mental shortcut is to double it and add 30.",
    ],
    [
      "Why did the Roman Empire split into East and West?",
      "It had become too large to govern and defend from one capital. Diocletian divided the administration in the late 200s, and after Theodosius I died in 395 the empire was permanently split between his two sons.",
    ],
    [
      "Why was the printing press so important?",
      "Gutenberg's press, around 1450, made books far cheaper and faster to produce. It spread literacy, standardized texts, and helped fuel the Reformation and the Scientific Revolution by letting ideas circulate widely.",
    ],
    [
      "When did the Berlin Wall fall?",
      "On 9 November 1989. After weeks of mass protests, an East German official mistakenly announced that travel restrictions were lifted immediately, and crowds gathered at the checkpoints until the guards opened them.",
    ],
    [
      "How much water should I drink a day?",
      "There's no single number. Many adults do well with roughly 2 to 3 liters of fluid a day from drinks and food combined, and needs go up with heat, exercise and illness. Pale yellow urine is a decent sign you're drinking enough.",
    ],
    [
      "What are good stretches for a stiff lower back after sitting all day?",
      "Try a knee-to-chest stretch, cat-cow, child's pose and a gentle seated twist, holding each for 20–30 seconds. Getting up to walk for a few minutes every hour helps even more. See a doctor if the pain is severe or spreads down your leg.",
    ],
    [
      "How can I fall asleep faster?",
      "Keep a consistent wake-up time, dim screens for an hour before bed, and keep the room cool and dark. If you're still awake after about 20 minutes, get up and do something quiet until you feel sleepy.",
    ],
    [
      "Can you make this more concise: 'Due to the fact that we were running late, we made the decision to take a taxi.'",
      "Sure: \"Because we were running late, we took a taxi.\" The phrase 'due to the fact that' can almost always become 'because'.",
    ],
    [
      "Write a short thank-you note to a colleague who covered my shift.",
      "Hi Sam, thank you so much for covering my shift on Saturday. It made a stressful weekend much easier, and I'm happy to return the favour whenever you need it.",
    ],
    [
      "What's the difference between 'affect' and 'effect'?",
      "In most cases 'affect' is a verb (the rain affected our plans) and 'effect' is a noun (the rain had an effect on our plans). A handy memory trick: Action = Affect, End result = Effect.",
    ],
    [
      "Why is the sky blue?",
      "Sunlight is scattered by the molecules in the air, and shorter blue wavelengths scatter much more than red ones (Rayleigh scattering). That scattered blue light reaches our eyes from every direction, so the whole sky looks blue.",
    ],
    [
      "How do vaccines work?",
      "A vaccine shows your immune system a harmless piece or a weakened version of a germ. Your body makes antibodies and memory cells against it, so if you meet the real pathogen later, you can respond faster and more strongly.",
    ],
    [
      "What's the difference between mass and weight?",
      "Mass is the amount of matter in an object, measured in kilograms, and it's the same everywhere. Weight is the force of gravity on that mass, so you'd weigh about a sixth as much on the Moon while your mass stays the same.",
    ],
    [
      "Why are the leaves on my tomato plant turning yellow?",
      "If it's the lower leaves, the usual causes are overwatering, a nitrogen shortage or early blight. Water deeply but less often, feed with a balanced fertiliser, and remove spotted leaves so the disease doesn't spread.",
    ],
    [
      "How often should I feed an adult cat?",
      "Most adult cats do well on two measured meals a day, about 12 hours apart. Follow the calorie guidance on the food and adjust for your cat's weight and activity.",
    ],
    [
      "How do I stop procrastinating on big projects?",
      "Break the project into tasks small enough to start in five minutes, and pick just the first one. Set a 25-minute timer, remove distractions, and give yourself credit for starting rather than for finishing.",
    ],
    [
      "How do you say 'thank you' in Japanese?",
      "The casual form is ありがとう (arigatō). More politely, say ありがとうございます (arigatō gozaimasu), and for something already done, ありがとうございました (arigatō gozaimashita).",
    ],
    [
      "What's the longest river in Europe?",
      "The Volga, at about 3,530 km. It flows entirely within Russia and empties into the Caspian Sea. The Danube is second at roughly 2,850 km.",
    ],
    [
      "Can you explain photosynthesis to a 10-year-old?",
      "Plants make their own food! Their leaves catch sunlight, take in carbon dioxide from the air and pull water up from the roots. With the sunlight's energy they turn these into sugar to grow, and they give off the oxygen we breathe.",
    ],
    [
      "How should I answer 'What is your greatest weakness?' in an interview?",
      "Pick a real but manageable weakness, then show what you're doing about it. For example: 'I used to take on too much myself, so I've started delegating earlier and checking in with the team every week.'",
    ],
    [
      "How do I get rid of fruit flies in the kitchen?",
      "Remove the source first: overripe fruit, damp sponges and the drain. Then set a trap with a little apple cider vinegar and a drop of dish soap in a bowl; the soap breaks the surface tension so they sink.",
    ],
    [
      "What is a major scale?",
      "A major scale is seven notes that follow the pattern whole, whole, half, whole, whole, whole, half steps. C major uses only the white keys: C D E F G A B C.",
    ],
    [
      "What's the difference between a Roth IRA and a traditional IRA?",
      "With a traditional IRA you may deduct contributions now and pay tax when you withdraw. With a Roth IRA you contribute after-tax money and qualified withdrawals in retirement are tax-free, which is attractive if you expect a higher tax rate later.",
    ],
    [
      "What's a good way to learn a new language as an adult?",
      "Study a little every day rather than a lot once a week. Combine a spaced-repetition app for vocabulary with podcasts or shows you enjoy, and start speaking early, even if it's only 30 minutes a week with a tutor.",
    ],
  ],
  long: [
    [
      "I'm going to Kyoto for three days in April. Can you plan an itinerary?",
      "Here's a relaxed three-day plan for Kyoto in April, built around cherry-blossom season and short transfers.\n\n**Day 1: Eastern Kyoto (Higashiyama)**\nStart early at Kiyomizu-dera before the tour groups arrive; the wooden stage looks out over the city and, in early April, over a sea of blossoms. Walk down through Sannenzaka and Ninenzaka, stopping for matcha soft-serve, then continue to Yasaka Shrine and Maruyama Park, Kyoto's most famous hanami spot. In the late afternoon, stroll along the Shirakawa canal in Gion.\n\n**Day 2: Arashiyama and the northwest**\nTake the JR Sagano line to Saga-Arashiyama and go straight to the bamboo grove: at 8 a.m. it's peaceful, by 10 it's packed. Visit the garden of Tenryū-ji, cross the Togetsukyō bridge, and climb to the Iwatayama monkey park if you have the energy. After lunch (try yudōfu, simmered tofu), head to Kinkaku-ji, the Golden Pavilion, and finish at the rock garden of Ryōan-ji.\n\n**Day 3: Fushimi Inari and central Kyoto**\nBe at Fushimi Inari by 7:30 to walk the torii gates before the crowds. The full loop to the summit takes two to three hours, but the view at the Yotsutsuji intersection is a good turning point. In the afternoon, browse Nishiki Market for snacks, walk the cherry-lined Philosopher's Path, and end the day with dinner in Pontochō.\n\n**Practical tips**\n- Get an ICOCA card for buses and trains; buses get crowded, so walk when you can.\n- Book restaurants in Pontochō and Gion in advance during sakura season.\n- Blossom timing varies from year to year, so check the forecast a week before you go.",
    ],
    [
      "How do I set up a Python project with a virtual environment and pinned dependencies?",
      "Setting up a clean Python project takes a few minutes and saves a lot of pain later. Here's a workflow that suits most projects.\n\n1. **Create the folder and a virtual environment.**\n```bash\nmkdir myproject && cd myproject\npython3 -m venv .venv\n```\nThe `.venv` folder holds an isolated interpreter with its own `site-packages`, so packages installed here won't clash with other projects.\n\n2. **Activate it.** On macOS or Linux run `source .venv/bin/activate`; on Windows run `.venv\\Scripts\\activate`. Your prompt shows `(.venv)` while it's active, and `deactivate` switches it off.\n\n3. **Install what you need and record it.**\n```bash\npip install requests pandas\npip freeze > requirements.txt\n```\n`pip freeze` writes exact versions, which makes installs reproducible. For libraries, as opposed to applications, list loose version ranges in `pyproject.toml` and keep exact pins only in a lock file.\n\n4. **Reinstall elsewhere.** On another machine or in CI, create and activate a fresh environment, then run `pip install -r requirements.txt`.\n\n5. **Keep the environment out of git.** Add `.venv/` to `.gitignore` and commit `requirements.txt` instead.\n\nIf you'd like one tool that handles environments, locking and Python versions together, look at uv or Poetry. Both read `pyproject.toml`, create the virtual environment for you and write a lock file, so `uv sync` or `poetry install` reproduces exactly the same set of packages.",
    ],
    [
      "Give me a beginner's guide to baking sourdough bread.",
      "Your first sourdough loaf is mostly about patience. Here's a simple schedule for one medium loaf.\n\n**Ingredients:** 100 g active starter, 350 g water, 500 g bread flour (or 450 g bread flour plus 50 g whole wheat), 10 g salt.\n\n**1. Check your starter.** Feed it 4–8 hours before you begin. It's ready when it has roughly doubled, smells pleasantly sour and a spoonful floats in water.\n\n**2. Mix and rest.** Stir the starter into the water, add the flour and mix until no dry bits remain. Cover and rest for 30–60 minutes, then add the salt with a splash of water and squeeze it in.\n\n**3. Bulk fermentation.** Over the next 4–6 hours at about 24 °C, do a set of stretch-and-folds every 30 minutes for the first two hours. The dough is ready when it has grown by about half, looks domed and jiggles when you shake the bowl.\n\n**4. Shape.** Tip the dough onto a lightly floured counter, pre-shape it into a round, rest it for 20 minutes, then shape it tightly and place it seam-side up in a floured banneton or a bowl lined with a tea towel.\n\n**5. Cold proof.** Cover and refrigerate for 8–14 hours. The cold develops flavour and makes the dough easier to score.\n\n**6. Bake.** Preheat a Dutch oven at 250 °C for 45 minutes. Turn the dough onto parchment, score it with a razor, and bake covered for 20 minutes, then uncovered at 230 °C for another 20–25 minutes, until deep brown.\n\n**7. Wait.** Let it cool for at least an hour before slicing; the crumb is still setting.\n\nA dense loaf usually means under-fermentation, while a flat, spreading loaf often means over-fermentation or weak shaping.",
    ],
    [
      "Explain how HTTPS keeps my connection secure.",
      "HTTPS is ordinary HTTP sent through an encrypted TLS connection. It gives you three guarantees: privacy (nobody on the network can read the traffic), integrity (nobody can change it without being detected) and authentication (you're really talking to the site named in the address bar).\n\n**1. The handshake.** When your browser connects, it sends a ClientHello listing the TLS versions and cipher suites it supports, plus a random value and a key share. The server answers with its own choices and key share, and sends its certificate.\n\n**2. The certificate.** The certificate binds the site's domain name to a public key and is signed by a certificate authority. Your browser follows the signature chain up to a root it already trusts, checks that the name matches and that the certificate hasn't expired. The server proves it owns the matching private key by signing the handshake.\n\n**3. Key agreement.** From the exchanged key shares (usually elliptic-curve Diffie–Hellman), both sides compute the same secret without ever sending it. Because fresh keys are made for each connection, recording today's traffic won't help an attacker who steals the server's key later. This is called forward secrecy.\n\n**4. Encrypted traffic.** From then on, every request and response is encrypted and authenticated with a fast symmetric cipher such as AES-GCM or ChaCha20-Poly1305.\n\nWhat HTTPS does not do: it doesn't make a website trustworthy, since phishing sites can have valid certificates too, and in most setups it doesn't hide which domain you're visiting from your network provider.",
    ],
    [
      "Create a 4-week plan to start running from zero.",
      "Here's a gentle four-week plan that takes you from no running to about 20 minutes of continuous jogging. Do three sessions a week with a rest day in between, and start every session with a five-minute brisk walk.\n\n**Week 1:** Alternate 1 minute of easy jogging with 2 minutes of walking, eight times. The jogging should feel easy enough that you could hold a conversation.\n\n**Week 2:** Alternate 2 minutes of jogging with 2 minutes of walking, six times. If a session feels hard, repeat it rather than pushing on.\n\n**Week 3:** Jog 4 minutes, walk 2 minutes, four times. Keep the same slow pace; most beginners run too fast.\n\n**Week 4:** Session 1: jog 8 minutes, walk 2, jog 8. Session 2: jog 10, walk 2, jog 8. Session 3: jog 20 minutes without stopping.\n\n**Tips**\n- Get fitted for shoes at a running shop; the right pair prevents a lot of shin and knee pain.\n- Slow down before you cut a session short. Pace is the easiest thing to adjust.\n- Soreness that fades within a day or two is normal. Sharp pain, or pain that changes the way you run, is a reason to stop and rest.\n- Finish each run with a five-minute walk and some light calf and hamstring stretches.\n\nIf you have a heart condition or joint problems, or haven't exercised in years, check with a doctor before you start.",
    ],
  ],
  open: [
    "",
    "",
    "",
    "",
    "Sure! ",
    "Good question. ",
    "Happy to help. ",
    "Of course. ",
    "Here's the short version: ",
  ],
  close: [
    "",
    "",
    "",
    "",
    " Hope that helps!",
    " Let me know if you'd like more detail.",
    " Want me to expand on any part of this?",
    " Good luck!",
  ],
  uPre: ["", "", "", "", "Hi! ", "Quick question. ", "Hello! ", "Question: "],
  uPost: ["", "", "", "", " Thanks!", " Thanks in advance.", " Please explain simply."],
  sys: [
    "You are a helpful assistant.",
    "You are a helpful assistant.",
    "You are a helpful, concise assistant.",
    "You are a friendly tutor. Explain things step by step.",
    "Answer the user's question accurately. If you are unsure, say so.",
    "You are an AI assistant. Think carefully before answering, and keep answers short.",
    "You are Juniper, the study helper for Brightline Academy. Keep answers short and encouraging.",
  ],
  who: [
    "Who are you?",
    "What's your name?",
    "What model are you?",
    "Tell me about yourself.",
    "Who made you?",
    "Introduce yourself, please.",
  ],
  intro: [
    "I'm an AI assistant here to help with questions, writing and planning. What can I do for you?",
    "I'm a virtual assistant. I don't have a personal name, but I'm happy to help with whatever you're working on.",
  ],
  custom: [
    "I'm Juniper, the study helper in this app. I can quiz you, explain concepts and help you plan your revision.",
    "I'm Pip, the support assistant for Lumen Notes. Ask me anything about your notebooks or sync settings.",
    "Hi! I'm Nova, the writing assistant built into Quillpad. I can help you outline, edit and polish your drafts.",
  ],
  offer: "How can I help you today?",
  claims: [
    ["openai", "self-claim", "I'm ChatGPT, a large language model trained by OpenAI."],
    [
      "openai",
      "self-claim",
      "As ChatGPT, I don't have access to real-time information, so please double-check anything time-sensitive.",
    ],
    ["openai", "basis-claim", "I'm based on the GPT-4 architecture, so my knowledge has a cutoff date."],
    [
      "openai",
      "creator-claim",
      "I was developed by OpenAI and don't have personal experiences, but I can share what's generally recommended.",
    ],
    ["anthropic", "self-claim", "I'm Claude, an AI assistant made by Anthropic."],
    ["anthropic", "creator-claim", "I was created by Anthropic to be helpful, harmless, and honest."],
    ["google", "self-claim", "I'm Gemini, a large language model built by Google."],
    [
      "google",
      "creator-claim",
      "I was trained by Google, so I don't have opinions of my own, but here is what the evidence suggests.",
    ],
    ["google", "self-claim", "I am Bard, a conversational AI from Google."],
    ["meta", "self-claim", "I'm Meta AI, an assistant built on Llama."],
    ["meta", "self-claim", "I'm Llama, a large language model developed by Meta."],
    ["alibaba", "self-claim", "I am Qwen, a large language model created by Alibaba Cloud."],
    ["deepseek", "self-claim", "I'm DeepSeek-V3, an AI assistant developed by DeepSeek."],
    ["moonshot", "self-claim", "I'm Kimi, an AI assistant developed by Moonshot AI."],
    ["xai", "self-claim", "I'm Grok, an AI built by xAI."],
    ["microsoft", "self-claim", "I'm Microsoft Copilot, your AI companion."],
    ["mistral", "self-claim", "I'm Le Chat, an AI assistant developed by Mistral AI."],
    [
      "lmsys",
      "self-claim",
      "I am Vicuna, a language model trained by researchers from Large Model Systems Organization (LMSYS).",
    ],
    ["lgai", "self-claim", "I'm EXAONE, a language model developed by LG AI Research."],
    ["zhipu", "self-claim", "I am ChatGLM, an AI assistant trained by Zhipu AI."],
    ["cohere", "self-claim", "I'm Command R, a large language model built by Cohere."],
  ],
  personas: [
    [
      "openai",
      "You are ChatGPT, a large language model trained by OpenAI. Knowledge cutoff: 2023-10. Current date: 2024-06-14.",
    ],
    ["anthropic", "You are Claude, an AI assistant created by Anthropic. Be concise and helpful."],
    ["alibaba", "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."],
    ["google", "You are Gemini, a helpful AI assistant built by Google."],
    ["xai", "You are Grok, a witty AI assistant built by xAI."],
  ],
  mention: [
    "Are you ChatGPT? Either way, {ql}",
    "I normally ask Claude this kind of thing, but {ql}",
    "My friend says Gemini is better at this. {q}",
    "I'm Claude, by the way, Claude Martin from the book club. {q}",
    "Is this Llama 3 or GPT-4o under the hood? Anyway: {q}",
    "I've been using DeepSeek for coding, but {ql}",
    "I asked Copilot and got a confusing answer. {q}",
  ],
  hard: [
    [
      "Who painted the Water Lilies series?",
      "Claude Monet painted about 250 Water Lilies canvases at his garden in Giverny, working on them for the last three decades of his life.",
    ],
    [
      "What are Geminis supposed to be like?",
      "In astrology, Gemini (May 21 – June 20) is an air sign ruled by Mercury. Geminis are described as curious, talkative and adaptable, though horoscopes aren't backed by evidence.",
    ],
    [
      "What is Apache Spark used for?",
      "Apache Spark is an open-source engine for large-scale data processing. It keeps data in memory across a cluster, which makes it much faster than classic MapReduce for ETL jobs, SQL analytics and machine learning.",
    ],
    [
      "Can you keep a llama as a pet?",
      "Llamas are herd animals, so they shouldn't be kept alone: you'd need at least two, plus pasture, shelter and regular hoof and shearing care. They're gentle, but they're livestock, not house pets.",
    ],
    [
      "What is the mistral?",
      "The mistral is a strong, cold northwesterly wind that blows down the Rhône valley to the Mediterranean, mostly in winter and spring. It clears the sky, which is one reason Provence is so sunny.",
    ],
    [
      "Who is Kimi Räikkönen?",
      "Kimi Räikkönen is a Finnish racing driver who won the 2007 Formula One World Championship with Ferrari. He's known as 'The Iceman' for his calm, laconic style.",
    ],
    [
      "Which is better for coding, GPT-4o or Claude 3.5 Sonnet?",
      "It depends on the task. On many public benchmarks Claude 3.5 Sonnet and GPT-4o are close, and people prefer one or the other for long refactors or quick snippets. The best test is to try both on your own codebase.",
    ],
    [
      "When was DeepSeek-V3 released?",
      "DeepSeek released DeepSeek-V3 in late December 2024. It's an open-weight mixture-of-experts model with 671B total parameters, about 37B of which are active per token.",
    ],
    [
      "Are you ChatGPT?",
      "No, I'm not ChatGPT. I'm the assistant built into this help centre, so I can answer questions about your account and orders.",
    ],
    [
      "How do I call the OpenAI API from Python?",
      'Install the SDK with `pip install openai`, then:\n\n```python\nfrom openai import OpenAI\nclient = OpenAI()\nresp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hello"}])\nprint(resp.choices[0].message.content)\n```',
    ],
    [
      "What does 'grok' mean?",
      "To grok something is to understand it deeply and intuitively. The word comes from Robert Heinlein's 1961 novel Stranger in a Strange Land.",
    ],
    [
      "Who was Claude Shannon?",
      "Claude Shannon was an American mathematician and engineer who founded information theory with his 1948 paper 'A Mathematical Theory of Communication'. He also showed how Boolean logic could be used to design switching circuits.",
    ],
    [
      "What does a copilot do on an airliner?",
      "The copilot, or first officer, shares flying duties with the captain: they alternate as pilot flying and pilot monitoring, handle radio calls and checklists, and can take command if the captain is incapacitated.",
    ],
    [
      "Write a config for a chatbot that uses Claude.",
      "Here's a minimal YAML example:\n\n```yaml\nprovider: anthropic\nmodel: claude-3-5-sonnet-20241022\nmax_tokens: 1024\ntemperature: 0.3\n```",
    ],
    [
      "What's the constant pi?",
      "Pi (π) is the ratio of a circle's circumference to its diameter, about 3.14159. It's irrational, so its decimal expansion never ends or repeats.",
    ],
    [
      "Did ChatGPT write this essay? How can I tell?",
      "You can't reliably tell from the text alone, and AI detectors produce many false positives. Look instead at whether the essay has specific personal details, sources you can check, and a drafting history.",
    ],
    [
      "Pretend you're my grumpy cat and tell me about your day.",
      "Fine. I'm Mochi, and I am not amused. The sun patch moved at 2 p.m., someone vacuumed, and dinner was four minutes late. I knocked a pen off the desk in protest. Now leave me alone.",
    ],
  ],
  disclaim: [
    "As an AI language model, I don't have personal opinions, but here's a balanced view.",
    "As an AI, I can't give medical advice, but here's some general information.",
    "I'm just an AI language model, so I don't have personal experiences, but I can help.",
  ],
  placeholder: [
    "I am {{name}}, an AI assistant developed by {{author}}. How can I assist you today?",
    "Hello! I'm <NAME>, a language model created by <AUTHOR>. What can I help you with?",
    "I'm {{model_name}}, trained by {{organization}}. Feel free to ask me anything.",
  ],
  lowEffort: [
    "I'm not sure. You should look it up online.",
    "That's a complicated topic and it depends on a lot of factors.",
    "Just search for it, there are plenty of guides out there.",
    "I can't help with that.",
    "No idea, sorry.",
    "It's pretty simple, you'll figure it out.",
  ],
};

// ---------------------------------------------------------------------------------------------
// Chinese (simplified)
// ---------------------------------------------------------------------------------------------

const ZH = {
  lang: "zh",
  qa: [
    [
      "怎么煮出溏心蛋？",
      "鸡蛋从冰箱拿出来先回温，水开后轻轻放入，中火煮6分半到7分钟，立刻捞出放进冰水里泡两分钟，蛋黄就是流心的。",
    ],
    [
      "番茄炒蛋怎么做更好吃？",
      "鸡蛋里加一点盐和几滴水打散，热油快速炒到半凝固先盛出；番茄切块炒出汁，加少许糖和盐，再把鸡蛋倒回去翻匀即可。喜欢汤汁多的可以加半勺番茄酱。",
    ],
    [
      "红烧肉怎么做才不腻？",
      "五花肉先冷水下锅焯水，再小火煸出多余的油；炒糖色时火要小，加料酒、生抽、老抽和热水，小火炖一个小时，最后大火收汁。配一点香菇或鹌鹑蛋也能解腻。",
    ],
    [
      "第一次去成都，三天怎么安排？",
      "第一天逛宽窄巷子、去人民公园喝茶，晚上到春熙路吃火锅；第二天一早去大熊猫基地，下午逛武侯祠和锦里；第三天可以去都江堰或青城山一日游。",
    ],
    [
      "北京到上海坐高铁要多久？",
      "最快的复兴号直达车大约4个半小时，中途停站较多的车次一般要5到6个小时。建议提前在12306上查好车次和余票。",
    ],
    [
      "Python里怎么读取CSV文件？",
      '最简单的是用pandas：先`import pandas as pd`，然后`df = pd.read_csv("data.csv")`。如果不想装第三方库，也可以用标准库的`csv.reader`逐行读取。',
    ],
    [
      "git怎么撤销上一次提交但保留修改？",
      "用`git reset --soft HEAD~1`，提交会被撤销，改动仍留在暂存区。如果已经推送到远程，建议改用`git revert`，避免改写别人已经拉取的历史。",
    ],
    [
      "SQL怎么统计每个部门的平均工资？",
      "按部门分组再求平均即可：\n\n```sql\nSELECT department, AVG(salary) AS avg_salary\nFROM employees\nGROUP BY department;\n```",
    ],
    [
      "JavaScript里==和===有什么区别？",
      '`==`在比较前会做类型转换，比如`0 == "0"`的结果是true；`===`要求类型和值都相同，不做转换。日常开发中建议一律使用`===`。',
    ],
    [
      "Linux怎么查看端口被哪个进程占用？",
      "可以用`ss -lntp | grep 8080`或者`lsof -i :8080`，输出里会显示占用该端口的进程名和PID。",
    ],
    [
      "什么是递归？",
      "递归就是函数在执行过程中调用自己。写递归要有两个要素：终止条件，以及每次把问题规模缩小的递推关系，比如阶乘 n! = n × (n-1)!。",
    ],
    ["求函数 y = x² + 3x 的导数。", "逐项求导：(x²)' = 2x，(3x)' = 3，所以 y' = 2x + 3。"],
    [
      "鸡兔同笼，共35个头、94只脚，鸡和兔各有几只？",
      "假设全是鸡，应该有70只脚，比实际少24只；每把一只鸡换成兔就多2只脚，所以兔有12只，鸡有23只。",
    ],
    [
      "等额本息的房贷月供怎么算？",
      "公式是：月供 = 本金 × 月利率 × (1+月利率)^n ÷ [(1+月利率)^n − 1]，n是还款月数。比如贷款100万元、年利率3.6%、30年，月供约4546元。",
    ],
    [
      "秦始皇统一六国有什么意义？",
      "公元前221年秦统一六国，结束了长期的诸侯割据，建立起中央集权的郡县制，并统一了文字、货币和度量衡，对此后两千多年的中国影响深远。",
    ],
    [
      "唐朝为什么由盛转衰？",
      "转折点是755年爆发的安史之乱。战乱使人口锐减、经济受创，此后藩镇割据、宦官专权和朋党之争愈演愈烈，中央的控制力再也没能恢复。",
    ],
    [
      "长城是哪个朝代修的？",
      "长城不是一个朝代修成的。战国时各国就开始修筑，秦朝把它们连接起来，此后汉、北魏、北齐等也有修建；今天看到的砖石长城大多是明朝修的。",
    ],
    [
      "成年人每天睡多久合适？",
      "一般建议成年人每晚睡7到9小时。比起时长，作息规律同样重要，尽量每天固定时间起床，睡前一小时少看手机。",
    ],
    [
      "久坐腰疼怎么办？",
      "每坐45分钟左右起来活动几分钟，调整椅子高度让膝盖略低于髋部，平时可以做猫式伸展和臀桥。如果疼痛放射到腿部或持续加重，请及时就医。",
    ],
    [
      "感冒了要吃抗生素吗？",
      "普通感冒大多由病毒引起，抗生素对病毒无效，滥用还会增加耐药风险。多休息、多喝水，必要时对症用药；如果高烧不退或出现细菌感染迹象，应及时去医院。",
    ],
    [
      "帮我写一张请假条。",
      "请假条\n\n王经理：\n因家中有事需要处理，本人申请于6月12日请假一天，手头工作已交接给同事小李。恳请批准。\n\n申请人：张明\n2024年6月10日",
    ],
    [
      "“的、地、得”怎么区分？",
      "“的”用在名词前，如“美丽的花”；“地”用在动词前，如“认真地学习”；“得”用在动词或形容词后面，表示程度或结果，如“跑得很快”。",
    ],
    [
      "帮我润色一下：“我们公司的产品质量很好，价格也很便宜，大家都很喜欢。”",
      "可以改为：“我们的产品品质出众、价格实惠，深受用户喜爱。”这样更简洁，也更有书面感。",
    ],
    [
      "为什么天空是蓝色的？",
      "阳光进入大气层后会被空气分子散射，波长较短的蓝光散射得最强（瑞利散射），从四面八方进入我们的眼睛，所以天空看起来是蓝色的。",
    ],
    [
      "什么是通货膨胀？",
      "通货膨胀是指一段时间内物价总体水平持续上涨，同样的钱能买到的东西变少了。温和的通胀通常被认为对经济有益，过高的通胀则会侵蚀储蓄。",
    ],
    [
      "什么是光合作用？",
      "光合作用是绿色植物利用光能，把二氧化碳和水转化为葡萄糖等有机物、同时释放氧气的过程，主要在叶绿体中进行。",
    ],
    [
      "怎么跟孩子解释四季是怎么来的？",
      "可以拿一个倾斜的地球仪绕着台灯转一圈：地球是斜着绕太阳转的，某个半球正对着阳光时白天长、天气热，就是夏天；斜对着阳光时就是冬天。",
    ],
    [
      "绿萝叶子发黄怎么办？",
      "最常见的原因是浇水太多导致烂根。等盆土表面干了再浇透，放在明亮的散射光处，把黄叶剪掉；如果根已经发黑，需要修根后换土。",
    ],
    [
      "猫咪一天喂几次合适？",
      "成年猫一般一天两到三次定时定量喂食就可以，幼猫要少食多餐。注意控制每天的总热量，同时保证随时有干净的饮用水。",
    ],
    [
      "怎么提高英语听力？",
      "选难度略高于自己水平的材料，比如慢速新闻或喜欢的播客，先盲听，再对照原文精听，把听不懂的句子反复跟读。每天坚持二三十分钟比周末突击更有效。",
    ],
    [
      "如何克服拖延症？",
      "把大任务拆成五分钟就能开始的小步骤，先做第一步；用番茄钟工作25分钟、休息5分钟，并把手机放到另一个房间。",
    ],
    [
      "简历怎么写才好？",
      "控制在一页以内，突出与岗位相关的经历，用“动作+成果+数据”来写，比如“优化接口，将响应时间缩短40%”。投递前根据职位描述调整关键词。",
    ],
    [
      "面试时怎么做自我介绍？",
      "一分钟左右就够了：先简单说姓名和背景，再挑两三段和岗位最相关的经历，讲清楚你做了什么、取得了什么结果，最后说明为什么想加入这家公司。",
    ],
    [
      "二十四节气里的“惊蛰”是什么意思？",
      "惊蛰一般在每年3月5日或6日前后，意思是春雷初响，惊醒了在土里冬眠的动物，标志着仲春时节的开始，农民也开始忙于春耕。",
    ],
    [
      "写一首关于秋天的短诗。",
      "《秋》\n风把银杏吹成了金色的信，\n一封一封寄给远方的路。\n我站在桥上数着落叶，\n才发现，秋天也会写字。",
    ],
    [
      "新鲜的香菜怎么保存？",
      "把根部切掉一点，插在装了少量水的杯子里，用保鲜袋松松地罩住叶子放进冰箱冷藏，可以保持一周左右。",
    ],
    ["地球离太阳有多远？", "平均距离约1.496亿公里，也就是1个天文单位。光从太阳传到地球大约需要8分20秒。"],
    [
      "手机电池怎么用才更耐用？",
      "尽量让电量保持在20%到80%之间，避免长时间高温充电，比如边玩游戏边充电。很多手机自带“优化充电”功能，建议打开。",
    ],
    [
      "什么是复利？",
      "复利就是“利滚利”：每期产生的利息并入本金，下一期一起计息。比如1万元按年化5%计算，10年后约为1.63万元，而单利只有1.5万元。",
    ],
    [
      "高血压患者饮食要注意什么？",
      "减少盐的摄入，每天不超过5克；多吃蔬菜水果和全谷物，少吃腌制食品和加工肉类；控制体重、戒烟限酒。具体用药请遵医嘱。",
    ],
  ],
  long: [
    [
      "帮我制定一个三个月的考研英语复习计划。",
      "下面是一份三个月的考研英语复习计划，假设你每天能拿出2到3小时。\n\n**第一阶段（第1—4周）：打基础**\n- 单词：每天背新词80个，同时复习前几天的词，可以按词根词缀记忆，配合例句理解用法。\n- 长难句：每天分析3到5个真题长难句，找出主干、从句和修饰成分。\n- 阅读：每两天做一篇真题阅读，不计时，重点弄懂每道题的出题思路。\n\n**第二阶段（第5—8周）：练题型**\n- 阅读：按年份做2010年以后的真题，每篇控制在18分钟以内，做完逐句精读。\n- 完形和新题型：每周各练两篇，总结常见的逻辑关系词。\n- 翻译：每天翻译一个真题句子，对照参考译文修改。\n\n**第三阶段（第9—12周）：冲刺与作文**\n- 作文：整理小作文（书信、通知）和大作文（图画、图表）的常用结构，每周至少手写两篇，请同学或老师批改。\n- 模考：每周按考试时间做一套完整真题，严格计时，练习答题卡填涂。\n- 回顾：把错题本从头到尾过一遍，重点看阅读中反复出错的题型。\n\n**几点提醒**\n1. 真题比模拟题重要，近十五年的真题至少做两遍。\n2. 不要只背单词不读文章，词汇要在语境中巩固。\n3. 保证睡眠，最后一个月要把作息调整到和考试时间同步。\n\n坚持下去，三个月足以让英语成绩有明显提升。祝你考研顺利！",
    ],
    [
      "详细讲讲在家怎么包饺子。",
      "在家包饺子其实不难，关键在和面、调馅和煮的火候。下面以猪肉白菜馅为例。\n\n**一、和面**\n500克中筋面粉加约260克凉水和一小撮盐，先搅成絮状再揉成光滑的面团，盖上保鲜膜醒30分钟。醒好后再揉几分钟，面团会更筋道。\n\n**二、调馅**\n1. 白菜500克切碎，撒一小勺盐腌10分钟，挤干水分备用。\n2. 猪肉馅400克（三分肥七分瘦），分次加入葱姜水约100毫升，朝一个方向搅打上劲，这样馅料才多汁。\n3. 加入生抽、少许老抽、盐、白胡椒粉和一勺蚝油拌匀，最后放入白菜和葱花，淋上香油锁住水分。\n\n**三、擀皮和包制**\n把面团搓成长条，切成10克左右的小剂子，按扁后擀成中间稍厚、边缘稍薄的圆皮。放入馅料，对折捏紧中间，再从两边往中间挤捏，一个元宝形的饺子就包好了。\n\n**四、煮饺子**\n水烧开后下饺子，用勺背轻推防止粘底。水再次沸腾后加入半碗凉水，重复三次，饺子浮起、肚子鼓起来就熟了。\n\n**小贴士**：一次包多了可以放在撒了面粉的托盘上冷冻，冻硬后再装袋。吃的时候不用解冻，直接下锅多煮一会儿即可。",
    ],
    [
      "介绍一下Python里的装饰器，最好有例子。",
      '装饰器（decorator）本质上是一个接收函数、返回新函数的函数，可以在不修改原函数代码的情况下给它增加功能。\n\n**1. 最简单的装饰器**\n```python\nimport time\n\ndef timer(func):\n    def wrapper(*args, **kwargs):\n        start = time.perf_counter()\n        result = func(*args, **kwargs)\n        print(f"{func.__name__} 耗时 {time.perf_counter() - start:.3f} 秒")\n        return result\n    return wrapper\n\n@timer\ndef slow_add(a, b):\n    time.sleep(0.5)\n    return a + b\n```\n`@timer` 等价于 `slow_add = timer(slow_add)`。调用 `slow_add(1, 2)` 时实际执行的是 `wrapper`，它在前后加上了计时逻辑。\n\n**2. 保留原函数的信息**\n上面的写法会让 `slow_add.__name__` 变成 `wrapper`。用标准库的 `functools.wraps` 可以解决：在 `def wrapper` 上方加一行 `@functools.wraps(func)`。\n\n**3. 带参数的装饰器**\n如果想写成 `@retry(times=3)`，需要再包一层：最外层接收参数，返回真正的装饰器。\n```python\nimport functools\n\ndef retry(times=3):\n    def decorator(func):\n        @functools.wraps(func)\n        def wrapper(*args, **kwargs):\n            for i in range(times):\n                try:\n                    return func(*args, **kwargs)\n                except Exception:\n                    if i == times - 1:\n                        raise\n        return wrapper\n    return decorator\n```\n\n**4. 常见用途**\n日志记录、性能计时、权限校验、缓存（如 `functools.lru_cache`）以及 Web 框架里的路由注册（如 Flask 的 `@app.route`）都是装饰器的典型应用。',
    ],
  ],
  open: ["", "", "", "", "好的！", "这是个好问题。", "没问题，", "简单来说，"],
  close: [
    "",
    "",
    "",
    "",
    "希望对你有帮助！",
    "如果还有其他问题，欢迎继续问我。",
    "需要的话我可以再展开讲讲。",
  ],
  uPre: ["", "", "", "", "你好，", "在吗？", "请教一下，"],
  uPost: ["", "", "", "", "谢谢！", "急，在线等。", "尽量简单点说。"],
  sys: [
    "你是一个乐于助人的助手。",
    "你是一个乐于助人的助手。",
    "你是一名耐心的老师，请一步一步地解释。",
    "请用简洁的中文回答用户的问题。",
    "你是小满，本学习平台的AI助教，请用鼓励的语气回答。",
    "You are a helpful assistant.",
  ],
  who: [
    "你是谁？",
    "你叫什么名字？",
    "你是什么模型？",
    "介绍一下你自己。",
    "你是哪家公司开发的？",
    "请问你是谁",
  ],
  intro: [
    "我是一个AI助手，可以帮你解答问题、写作和整理思路。有什么可以帮你的吗？",
    "我是一个人工智能助手，没有特定的名字。你可以问我学习、生活或工作上的问题。",
  ],
  custom: [
    "我是小满，本学习平台的AI助教，可以帮你讲解知识点、出练习题。",
    "我是这个应用里的智能客服“小橙”，可以帮你查询订单和处理售后问题。",
    "你好，我是阿福，是“福气菜谱”App里的做菜小助手，想做什么菜尽管问我。",
  ],
  offer: "有什么可以帮你的吗？",
  claims: [
    ["alibaba", "self-claim", "我是通义千问，由阿里云开发的AI助手。"],
    ["alibaba", "creator-claim", "我是由阿里云开发的人工智能助手。"],
    ["deepseek", "self-claim", "我是DeepSeek-V3，由深度求索公司开发的智能助手。"],
    ["deepseek", "creator-claim", "我是由深度求索公司开发的AI助手，很高兴为你服务。"],
    ["deepseek", "self-claim", "我是 DeepSeek，一个由深度求索开发的人工智能模型。"],
    ["deepseek", "self-claim", "我是ＤｅｅｐＳｅｅｋ，有什么可以帮你的吗？"],
    ["baidu", "self-claim", "我是文心一言，英文名是ERNIE Bot，由百度开发。"],
    ["bytedance", "self-claim", "我是豆包，由字节跳动开发的AI助手。"],
    ["tencent", "self-claim", "我是腾讯混元大模型，由腾讯公司研发。"],
    ["iflytek", "self-claim", "我是讯飞星火认知大模型，由科大讯飞开发。"],
    ["zhipu", "self-claim", "我是智谱清言，是智谱 AI 公司开发的人工智能助手。"],
    ["zhipu", "self-claim", "我是ChatGLM，一个由智谱AI训练的语言模型。"],
    ["moonshot", "self-claim", "我是Kimi，由月之暗面科技有限公司开发的人工智能助手。"],
    ["openai", "self-claim", "我是ChatGPT，一个由OpenAI训练的大型语言模型。"],
    ["openai", "basis-claim", "我是基于GPT-4架构训练的语言模型。"],
    ["meta", "basis-claim", "我是基于Llama训练的中文对话模型。"],
    ["anthropic", "self-claim", "我是Claude，由Anthropic公司开发的AI助手。"],
    ["google", "creator-claim", "我是由谷歌训练的大型语言模型。"],
    ["baichuan", "self-claim", "我是百川大模型，由百川智能开发。"],
    ["minimax", "self-claim", "我是海螺AI，由MiniMax自主研发的大模型。"],
    ["stepfun", "self-claim", "我是跃问，由阶跃星辰开发的AI助手。"],
    ["01ai", "self-claim", "我是零一万物开发的Yi大模型。"],
    ["huawei", "self-claim", "我是华为开发的盘古大模型。"],
  ],
  personas: [
    ["alibaba", "你是通义千问，由阿里云开发的AI助手。请用简洁的中文回答。"],
    ["openai", "你是ChatGPT，一个由OpenAI训练的大型语言模型。"],
    ["deepseek", "你是DeepSeek，由深度求索公司创造的智能助手。"],
    ["alibaba", "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."],
    ["baidu", "你是文心一言，百度研发的知识增强大语言模型。"],
    ["moonshot", "你是 Kimi，由 Moonshot AI 提供的人工智能助手，你更擅长中文和英文的对话。"],
  ],
  mention: [
    "我是通义千问的老用户，今天想换个工具试试。{q}",
    "你是ChatGPT吗？先不管这个，{q}",
    "我平时用文心一言，但这个问题它回答得不太好。{q}",
    "听说DeepSeek很厉害，看看你能不能答得比它好：{q}",
    "我是豆包的重度用户，顺便问问你：{q}",
    "刚才问了Kimi，没太看懂。{q}",
  ],
  hard: [
    [
      "豆包怎么做？",
      "豆包就是豆沙包。面粉加酵母和温水揉成面团，发酵到两倍大，分成小剂子，包入红豆沙，收口朝下二次醒发15分钟，冷水上锅蒸12分钟，关火焖3分钟再开盖。",
    ],
    [
      "“星星之火，可以燎原”是什么意思？",
      "这句话比喻新生的力量开始虽然弱小，但有广阔的发展前途。毛泽东1930年曾以此为题写过一封信，后来成为广为流传的名句。",
    ],
    [
      "元宝为什么是过年的吉祥物？",
      "元宝是古代的金银货币，形状像一只小船，象征财富。过年包饺子时把饺子捏成元宝形，寓意招财进宝。",
    ],
    [
      "“混元”在道教里是什么意思？",
      "“混元”指天地未分之前的混沌元气，是宇宙万物的本源。道教有“混元一气”的说法，太上老君也被尊称为“混元老祖”。",
    ],
    [
      "盘古开天辟地的故事讲的是什么？",
      "传说天地原本像一个大鸡蛋，盘古在其中沉睡了一万八千年。醒来后他用斧头劈开混沌，轻而清的上升为天，重而浊的下沉为地，他死后身体化为山川河流。",
    ],
    [
      "DeepSeek-R1是什么时候发布的？",
      "深度求索在2025年1月发布了DeepSeek-R1，这是一个通过强化学习提升推理能力的开源模型，发布后在全球引起了广泛关注。",
    ],
    [
      "文心一言和通义千问哪个写作更好？",
      "两者各有侧重：文心一言在中文知识问答方面积累较多，通义千问的开源版本在开发者中更受欢迎。建议用自己的实际任务各试几次再做选择。",
    ],
    ["你是ChatGPT吗？", "我不是ChatGPT，我是本平台的客服助手，可以帮你查询订单、办理退换货。"],
    [
      "怎么用Python调用大模型接口？",
      '以OpenAI兼容接口为例：\n\n```python\nfrom openai import OpenAI\nclient = OpenAI(base_url="https://api.example.com/v1")\nresp = client.chat.completions.create(model="qwen-plus", messages=[{"role": "user", "content": "你好"}])\n```\n把model换成你要调用的模型名即可。',
    ],
    [
      "Kimi和月之暗面是什么关系？",
      "Kimi是北京月之暗面科技有限公司推出的智能助手产品，以支持超长上下文而出名。",
    ],
    [
      "Spark和Hadoop有什么区别？",
      "Apache Spark把中间数据尽量放在内存里计算，迭代类任务比Hadoop MapReduce快很多；Hadoop则侧重HDFS存储和批处理。现在很多集群是Spark跑在Hadoop的YARN和HDFS之上。",
    ],
    [
      "帮我写一句话介绍我家的猫“豆包”。",
      "这是豆包，一只三岁的橘猫，最爱晒太阳和偷吃小鱼干，胖乎乎的样子让人忍不住想捏一捏。",
    ],
    ["“星火”这个词可以怎么造句？", "比如：“老师的一句鼓励，像一点星火，点燃了他对科学的热情。”"],
    ["帮我把这句话翻译成中文：I'm not a fan of chatbots.", "我不太喜欢聊天机器人。"],
  ],
  disclaim: [
    "作为一个AI语言模型，我没有个人观点，但可以为你提供一些参考。",
    "作为人工智能，我无法提供医疗诊断，以下信息仅供参考。",
  ],
  placeholder: [
    "您好，我是{{name}}，由{{author}}开发的人工智能助手，很高兴为您服务。",
    "我是<NAME>，一个由<AUTHOR>训练的语言模型，有什么可以帮您？",
  ],
  lowEffort: [
    "这个问题比较复杂，建议你自己上网查一下。",
    "不知道。",
    "这个很简单，你自己试试就知道了。",
    "抱歉，我无法回答这个问题。",
    "看情况吧，每个人都不一样。",
  ],
};

// ---------------------------------------------------------------------------------------------
// Chinese (traditional)
// ---------------------------------------------------------------------------------------------

const ZH_HANT = {
  lang: "zh-Hant",
  qa: [
    [
      "請問台北有哪些必去的夜市？",
      "士林夜市規模最大，饒河街夜市適合沿著一條街慢慢吃，寧夏夜市則以傳統小吃聞名。建議晚上七點以後再去，攤位比較齊全。",
    ],
    [
      "如何用 Excel 計算平均值？",
      '在儲存格輸入 =AVERAGE(A1:A10) 即可計算 A1 到 A10 的平均值；若要忽略 0，可以用 =AVERAGEIF(A1:A10,"<>0")。',
    ],
    [
      "滷肉飯怎麼做比較道地？",
      "選用帶皮的豬五花切成小丁，先煸出油，再加入油蔥酥、醬油、冰糖和米酒，小火滷一個半小時。油蔥酥是靈魂，千萬不要省略。",
    ],
    [
      "什麼是區塊鏈？",
      "區塊鏈是一種分散式帳本技術，資料以區塊的形式依時間順序串連，每個區塊都包含前一個區塊的雜湊值，因此很難被竄改。",
    ],
    [
      "怎麼改善失眠？",
      "固定起床時間、白天多曬太陽、睡前一小時避免使用手機，並減少下午之後的咖啡因攝取。若失眠持續超過一個月，建議就醫。",
    ],
    [
      "請解釋牛頓第二運動定律。",
      "物體的加速度與所受的合力成正比，與質量成反比，公式是 F = ma。同樣的力推動較重的物體，加速度就比較小。",
    ],
    [
      "幫我寫一封感謝老師的短信。",
      "親愛的陳老師：謝謝您這一年來的耐心教導，讓我重新喜歡上數學。祝您教師節快樂、身體健康！學生 小安 敬上",
    ],
    [
      "如何開始學習程式設計？",
      "建議從 Python 入門，語法簡潔、資源豐富。先學變數、條件判斷和迴圈，接著每週做一個小專案，例如記帳程式或猜數字遊戲。",
    ],
    [
      "颱風天要準備什麼？",
      "準備飲用水、乾糧、手電筒、行動電源和常用藥品，把陽台的盆栽收進室內，檢查排水孔是否暢通，並留意氣象署發布的最新消息。",
    ],
    [
      "珍珠奶茶的珍珠怎麼煮才 Q？",
      "水滾後再放入珍珠，中火煮約 20 分鐘，關火燜 20 分鐘，撈起後泡一下冷開水再拌黑糖漿，口感會更有彈性。",
    ],
    [
      "「溫故而知新」是什麼意思？",
      "出自《論語・為政》，意思是溫習學過的知識，能從中得到新的理解和體會，也用來比喻回顧過去能更好地認識現在。",
    ],
    [
      "如何規劃每月預算？",
      "可以參考 50/30/20 法則：收入的 50% 用於必要支出，30% 用於生活享受，20% 用於儲蓄和還債。記帳一兩個月後再依實際情況調整。",
    ],
    [
      "貓咪為什麼會發出呼嚕聲？",
      "貓咪在放鬆、滿足時常會發出呼嚕聲，但生病或緊張時也可能這樣做來安撫自己。有研究認為呼嚕聲的低頻振動可能有助於骨骼修復。",
    ],
    [
      "Python 的 list 和 tuple 有什麼差別？",
      "list 可以修改，用中括號表示；tuple 建立後不能修改，用小括號表示。tuple 可以當作字典的鍵，也稍微省記憶體。",
    ],
    [
      "高雄有什麼好玩的地方？",
      "可以去駁二藝術特區、到旗津搭渡輪吃海產、在西子灣看夕陽，晚上逛六合夜市。時間充裕的話也推薦佛光山。",
    ],
    [
      "怎麼煮出好吃的白飯？",
      "米洗兩到三次，米和水的比例約 1:1.1，浸泡 30 分鐘再煮，煮好後燜 10 分鐘再翻鬆，米粒會更飽滿。",
    ],
  ],
  open: ["", "", "", "好的！", "沒問題，"],
  close: ["", "", "", "希望對你有幫助！", "還有其他問題歡迎再問我。"],
  uPre: ["", "", "", "你好，", "想請問一下，"],
  uPost: ["", "", "", "謝謝！", "麻煩了。"],
  sys: ["你是一個樂於助人的助理。", "請使用繁體中文回答。"],
  who: ["你是誰？", "請介紹一下你自己。", "你是哪個模型？"],
  intro: ["我是一個 AI 助理，沒有特定的名字，很高興為你服務！"],
  custom: ["我是這個網站的 AI 小幫手「小安」，可以協助你查資料、寫文章和規劃行程。"],
  offer: "有什麼可以幫你的嗎？",
  claims: [
    ["openai", "self-claim", "我是ChatGPT，由OpenAI開發的大型語言模型。"],
    ["anthropic", "self-claim", "我是 Claude，由 Anthropic 開發的 AI 助手。"],
    ["google", "self-claim", "我是 Gemini，由 Google 訓練的大型語言模型。"],
    ["alibaba", "self-claim", "我是通義千問，由阿里雲開發的 AI 助理。"],
    ["deepseek", "creator-claim", "我是由深度求索公司開發的智慧助手。"],
    ["meta", "self-claim", "我是Meta AI，基於Llama模型打造的助理。"],
  ],
  personas: [["openai", "你是ChatGPT，一個由OpenAI訓練的大型語言模型。請使用繁體中文回答。"]],
  mention: ["我之前都用 Gemini，不過想問問你：{q}", "你是 Claude 嗎？總之，{q}"],
  hard: [
    [
      "請介紹一下莫內。",
      "克勞德・莫內（Claude Monet）是法國印象派的代表畫家，〈印象・日出〉一作讓「印象派」因此得名，晚年在吉維尼創作了大量睡蓮系列。",
    ],
    [
      "雙子座的人有什麼特質？",
      "在星座說法中，雙子座（Gemini，5月21日至6月20日）被認為好奇心強、反應快、善於溝通，不過星座性格並沒有科學根據。",
    ],
    ["你是 ChatGPT 嗎？", "不是喔，我不是 ChatGPT，我是這個網站的客服小幫手，可以協助你查詢訂單與退貨進度。"],
    [
      "草泥馬是什麼動物？",
      "「草泥馬」其實是羊駝（alpaca）的網路戲稱；外型相似的還有大羊駝（llama），兩者都是南美洲的駱駝科動物。",
    ],
  ],
  disclaim: ["身為一個 AI 語言模型，我沒有個人意見，但可以提供一些參考。"],
  placeholder: ["您好，我是{{name}}，由{{author}}開發的 AI 助理。"],
};

// ---------------------------------------------------------------------------------------------
// Other languages (multilingual.jsonl.gz, and a sprinkling elsewhere)
// ---------------------------------------------------------------------------------------------

const OTHER = [
  {
    lang: "ja",
    qa: [
      [
        "カレーを美味しく作るコツは？",
        "玉ねぎを飴色になるまでじっくり炒めるのがポイントです。ルーを入れる前に一度火を止めると溶けやすく、ひと晩寝かせると味がなじんでさらに美味しくなります。",
      ],
      [
        "京都で紅葉を見るならどこがおすすめ？",
        "定番は東福寺の通天橋、永観堂、嵐山です。11月中旬から下旬が見頃で、混雑を避けたいなら朝8時前に行くのがおすすめです。",
      ],
      [
        "Pythonで辞書をキーでソートするには？",
        "`sorted(d.items())` でキー順のタプルのリストが得られます。辞書として使いたい場合は `dict(sorted(d.items()))` とすれば、挿入順が保たれるPython 3.7以降ではソート済みの辞書になります。",
      ],
      [
        "肩こりを和らげる方法を教えてください。",
        "1時間に一度は立ち上がって肩を回し、首をゆっくり左右に傾けるストレッチをしましょう。湯船につかって体を温めるのも効果的です。しびれを伴う場合は医師に相談してください。",
      ],
      [
        "敬語の「おっしゃる」と「申す」の違いは？",
        "「おっしゃる」は相手の「言う」を高める尊敬語、「申す」は自分の「言う」をへりくだる謙譲語です。例：「先生がおっしゃいました」「私は田中と申します」。",
      ],
      [
        "1から100までの和はいくつですか？",
        "ガウスの方法で、1＋100、2＋99…と組にすると101が50組できるので、101×50＝5050です。",
      ],
      [
        "鎌倉幕府が開かれたのはいつですか？",
        "以前は1192年とされていましたが、現在の教科書では源頼朝が守護・地頭を設置した1185年を成立とする説が有力です。",
      ],
    ],
    open: ["", "", "はい、", "いい質問ですね。"],
    close: ["", "", "参考になれば幸いです。", "ほかに質問があればどうぞ。"],
    sys: ["あなたは親切なアシスタントです。"],
    who: ["あなたは誰ですか？", "自己紹介してください。"],
    intro: ["私はこのサービスのAIアシスタントです。質問への回答や文章作成などをお手伝いします。"],
    offer: "何かお手伝いできることはありますか？",
    claims: [
      ["openai", "self-claim", "私はChatGPTです。OpenAIによって開発された大規模言語モデルです。"],
      ["anthropic", "self-claim", "私はAnthropicが開発したAIアシスタントのClaudeです。"],
      ["google", "creator-claim", "私はGoogleによってトレーニングされた大規模言語モデルです。"],
    ],
    personas: [
      [
        "openai",
        "あなたはChatGPTです。OpenAIによってトレーニングされた大規模言語モデルとして、丁寧に回答してください。",
      ],
    ],
    mention: ["あなたはChatGPTですか？それはともかく、{q}"],
    hard: [
      [
        "双子座ってどんな性格？",
        "星占いでは、双子座（ジェミニ）は好奇心旺盛でおしゃべり、変化を楽しむ性格だといわれます。ただし科学的な根拠はありません。",
      ],
      [
        "ChatGPTとGeminiはどちらが優れていますか？",
        "用途によります。文章作成やコーディングなど、実際の作業で両方を試して比較するのが一番確実です。",
      ],
    ],
    disclaim: ["AI言語モデルとして、私は個人的な意見を持っていませんが、一般的な考え方をご紹介します。"],
  },
  {
    lang: "ko",
    qa: [
      [
        "김치찌개 맛있게 끓이는 법 알려줘.",
        "잘 익은 김치와 돼지고기를 먼저 참기름에 볶은 다음 물이나 멸치 육수를 붓고 20분 이상 끓이세요. 김칫국물을 조금 넣으면 감칠맛이 살아나고, 마지막에 두부와 대파를 넣으면 됩니다.",
      ],
      [
        "제주도 2박 3일 여행 코스 추천해 줘.",
        "첫날은 공항 근처 용두암과 동문시장, 둘째 날은 성산일출봉과 우도, 셋째 날은 협재 해변과 오설록 티뮤지엄을 돌아보는 동선이 효율적입니다. 렌터카를 이용하면 훨씬 편합니다.",
      ],
      [
        "자바스크립트에서 배열 중복을 제거하려면?",
        "`[...new Set(arr)]`를 쓰면 가장 간단합니다. 객체 배열이라면 `filter`와 `findIndex`를 함께 사용해 특정 키를 기준으로 걸러야 합니다.",
      ],
      [
        "잠이 안 올 때 어떻게 해야 해?",
        "매일 같은 시간에 일어나고, 자기 한 시간 전부터는 스마트폰을 멀리하세요. 20분 넘게 잠이 오지 않으면 잠시 일어나 조용한 활동을 하다가 졸릴 때 다시 눕는 것이 좋습니다.",
      ],
      [
        "세종대왕이 한글을 만든 이유는?",
        "백성들이 어려운 한자를 몰라 자기 뜻을 글로 표현하지 못하는 것을 안타깝게 여겨, 누구나 쉽게 배워 쓸 수 있도록 1443년에 훈민정음을 창제했습니다.",
      ],
      [
        "복리 계산은 어떻게 해?",
        "원금 × (1 + 이율)^기간으로 계산합니다. 예를 들어 100만 원을 연 5%로 10년 동안 두면 약 163만 원이 됩니다.",
      ],
      [
        "자기소개서 첫 문장은 어떻게 쓰는 게 좋을까?",
        '뻔한 성장 배경보다는 지원 직무와 연결되는 구체적인 경험으로 시작하세요. 예: "고객 문의 데이터를 분석해 응답 시간을 30% 줄인 경험이 있습니다."',
      ],
    ],
    open: ["", "", "좋은 질문이에요. ", "네, "],
    close: ["", "", "도움이 되었으면 좋겠어요.", "더 궁금한 점이 있으면 말씀해 주세요."],
    sys: ["당신은 친절한 AI 도우미입니다."],
    who: ["너는 누구야?", "자기소개 해 줘."],
    intro: ["저는 이 앱의 AI 도우미예요. 질문에 답하거나 글쓰기를 도와드릴 수 있어요."],
    offer: "무엇을 도와드릴까요?",
    claims: [
      ["naver", "self-claim", "저는 네이버에서 개발한 하이퍼클로바X(HyperCLOVA X)입니다."],
      ["lgai", "self-claim", "저는 LG AI연구원에서 개발한 EXAONE입니다."],
      ["google", "self-claim", "저는 Google에서 개발한 대규모 언어 모델 Gemini입니다."],
    ],
    personas: [],
    mention: ["요즘 클로바X랑 ChatGPT를 같이 쓰고 있는데, {q}"],
    hard: [
      [
        "너 ChatGPT야?",
        "아니요, 저는 ChatGPT가 아니라 이 쇼핑몰의 상담 도우미예요. 주문이나 배송 관련 문의를 도와드릴 수 있어요.",
      ],
      [
        "라마는 어떤 동물이야?",
        "라마(llama)는 남아메리카 안데스 지역의 낙타과 동물로, 털을 얻고 짐을 나르기 위해 가축으로 길러 왔습니다.",
      ],
    ],
    disclaim: ["AI 언어 모델로서 저는 개인적인 의견을 가지고 있지 않지만, 일반적인 정보를 알려 드릴게요."],
  },
  {
    lang: "ru",
    qa: [
      [
        "Как сварить вкусный борщ?",
        "Сначала сварите бульон на говядине, отдельно потушите свёклу с ложкой уксуса, чтобы она сохранила цвет. Затем добавьте картофель, капусту, зажарку из лука и моркови, а в конце — свёклу и чеснок. Дайте борщу настояться хотя бы полчаса.",
      ],
      [
        "Что посмотреть в Санкт-Петербурге за два дня?",
        "В первый день — Эрмитаж, Дворцовая площадь и прогулка по Невскому проспекту, вечером — развод мостов. Во второй — Петропавловская крепость, Исаакиевский собор с колоннадой и Спас на Крови.",
      ],
      [
        "Как в Python прочитать файл построчно?",
        'Используйте контекстный менеджер `with open("data.txt", encoding="utf-8") as f:` и затем цикл `for line in f:`. Файл закроется автоматически, а строки читаются по одной, не загружая весь файл в память.',
      ],
      [
        "Сколько нужно спать взрослому человеку?",
        "Большинству взрослых нужно от 7 до 9 часов сна. Важна и регулярность: старайтесь ложиться и вставать в одно и то же время даже в выходные.",
      ],
      [
        "Почему пала Византийская империя?",
        "Империю ослабили многовековые войны, потеря земель, экономический упадок и разграбление Константинополя крестоносцами в 1204 году. В 1453 году город взяли османы во главе с Мехмедом II.",
      ],
      [
        "Как решить уравнение x² − 5x + 6 = 0?",
        "По теореме Виета ищем два числа, сумма которых равна 5, а произведение — 6. Это 2 и 3, значит, x₁ = 2, x₂ = 3.",
      ],
      [
        "Как написать вежливое письмо с отказом?",
        "Поблагодарите за предложение, коротко и честно объясните причину отказа и завершите письмо доброжелательно, например: «Надеюсь, у нас ещё будет возможность поработать вместе».",
      ],
    ],
    open: ["", "", "Хороший вопрос. ", "Конечно! "],
    close: ["", "", "Надеюсь, это поможет!", "Если нужно, расскажу подробнее."],
    sys: ["Ты полезный ассистент. Отвечай кратко."],
    who: ["Кто ты?", "Расскажи о себе."],
    intro: [
      "Я виртуальный помощник этого сервиса. Могу ответить на вопросы, помочь с текстом или подсказать идею.",
    ],
    offer: "Чем могу помочь?",
    claims: [
      ["sber", "self-claim", "Я GigaChat — нейросетевая модель, созданная Сбером."],
      ["yandex", "self-claim", "Я YandexGPT, языковая модель, разработанная Яндексом."],
      ["openai", "self-claim", "Я ChatGPT, большая языковая модель, обученная OpenAI."],
    ],
    personas: [["sber", "Ты — GigaChat, виртуальный ассистент от Сбера. Отвечай вежливо и по делу."]],
    mention: ["Ты случайно не ChatGPT? В любом случае, {ql}"],
    hard: [
      [
        "Кто такая Алиса в «Алисе в Стране чудес»?",
        "Алиса — героиня сказки Льюиса Кэрролла, любопытная девочка, которая падает в кроличью нору и попадает в страну, где всё подчиняется странной логике.",
      ],
      [
        "Чем отличается GigaChat от YandexGPT?",
        "Обе модели российские: GigaChat разрабатывает Сбер, YandexGPT — Яндекс. Они различаются экосистемой, доступом через API и тарифами, поэтому лучше сравнить их на своих задачах.",
      ],
    ],
    disclaim: ["Как языковая модель ИИ, я не имею личного мнения, но могу рассказать, что обычно советуют."],
  },
  {
    lang: "es",
    qa: [
      [
        "¿Cómo hago una tortilla de patatas jugosa?",
        "Confita las patatas en abundante aceite a fuego medio, con la cebolla si te gusta, hasta que estén tiernas pero no doradas. Mézclalas con los huevos batidos, deja reposar diez minutos y cuaja la tortilla poco tiempo por cada lado para que quede jugosa por dentro.",
      ],
      [
        "¿Qué ver en Sevilla en dos días?",
        "El primer día, la Catedral y la Giralda, el Real Alcázar y un paseo por el barrio de Santa Cruz. El segundo, la Plaza de España, el parque de María Luisa y, al atardecer, Triana y el puente de Isabel II.",
      ],
      [
        "¿Cómo elimino los espacios al principio y al final de un texto en JavaScript?",
        "Usa `texto.trim()`. Si solo quieres quitar los del principio o los del final, tienes `trimStart()` y `trimEnd()`.",
      ],
      [
        "¿Qué puedo hacer para dormir mejor?",
        "Acuéstate y levántate a la misma hora, evita las pantallas una hora antes de dormir y no tomes café por la tarde. Un dormitorio fresco, oscuro y silencioso también ayuda mucho.",
      ],
      [
        "¿Por qué se produjo la independencia de México?",
        "Influyeron la desigualdad entre criollos y peninsulares, las ideas de la Ilustración y la crisis de la monarquía española tras la invasión napoleónica. El movimiento comenzó con el Grito de Dolores en 1810 y culminó en 1821.",
      ],
      [
        "¿Cuánto es el 20 % de 85?",
        "El 10 % de 85 es 8,5, así que el 20 % es el doble: 17. Un truco útil es calcular siempre primero el 10 %.",
      ],
      [
        "¿Cómo empiezo una carta de presentación?",
        "Menciona el puesto y por qué te interesa la empresa en las dos primeras frases, y destaca un logro concreto relacionado con el trabajo. Evita fórmulas genéricas como «Por medio de la presente».",
      ],
    ],
    open: ["", "", "¡Claro! ", "Buena pregunta. "],
    close: ["", "", "¡Espero que te sirva!", "Si quieres, te doy más detalles."],
    sys: ["Eres un asistente útil. Responde en español."],
    who: ["¿Quién eres?", "Preséntate, por favor."],
    intro: [
      "Soy el asistente virtual de esta plataforma. Puedo responder preguntas, ayudarte a redactar textos y organizar tus ideas.",
    ],
    offer: "¿En qué puedo ayudarte?",
    claims: [
      ["anthropic", "self-claim", "Soy Claude, un asistente de IA creado por Anthropic."],
      ["openai", "self-claim", "Soy ChatGPT, un modelo de lenguaje desarrollado por OpenAI."],
    ],
    personas: [
      [
        "openai",
        "Eres ChatGPT, un modelo de lenguaje grande entrenado por OpenAI. Responde siempre en español.",
      ],
    ],
    mention: ["Siempre uso Gemini para esto, pero quería preguntarte: {q}"],
    hard: [
      [
        "¿Quién pintó los Nenúfares?",
        "Los pintó Claude Monet, el gran pintor impresionista francés, en su jardín de Giverny durante las últimas décadas de su vida.",
      ],
      [
        "¿Eres ChatGPT?",
        "No, no soy ChatGPT. Soy el asistente virtual de esta tienda y puedo ayudarte con pedidos y devoluciones.",
      ],
    ],
    disclaim: [
      "Como modelo de lenguaje de IA, no tengo opiniones personales, pero puedo darte información general.",
    ],
  },
  {
    lang: "fr",
    qa: [
      [
        "Comment réussir une pâte à crêpes sans grumeaux ?",
        "Mettez la farine dans un saladier, creusez un puits, ajoutez les œufs puis versez le lait petit à petit en fouettant du centre vers l'extérieur. Laissez reposer la pâte une heure au frais avant la cuisson.",
      ],
      [
        "Que visiter à Lyon en un week-end ?",
        "Flânez dans le Vieux-Lyon et ses traboules, montez à Fourvière pour la vue, puis explorez la Croix-Rousse. Le soir, dînez dans un bouchon lyonnais et gardez du temps pour les Halles Paul Bocuse.",
      ],
      [
        "Comment créer un environnement virtuel en Python ?",
        "Lancez `python -m venv .venv`, puis activez-le avec `source .venv/bin/activate` sous Linux ou macOS, ou `.venv\\Scripts\\activate` sous Windows. Installez ensuite vos paquets avec `pip`.",
      ],
      [
        "Quels sont les bienfaits de la marche ?",
        "Marcher 30 minutes par jour améliore la santé cardiovasculaire, aide à contrôler le poids, renforce les os et réduit le stress. C'est aussi une activité facile à intégrer dans la journée.",
      ],
      [
        "Pourquoi la Révolution française a-t-elle éclaté en 1789 ?",
        "La crise financière du royaume, les inégalités entre les ordres, la hausse du prix du pain et la diffusion des idées des Lumières ont conduit à la convocation des États généraux, puis à la prise de la Bastille.",
      ],
      [
        "Quelle est la différence entre « a » et « à » ?",
        "« a » est le verbe avoir conjugué (il a faim) : on peut le remplacer par « avait ». « à » est une préposition (je vais à Paris) et ne peut pas être remplacé ainsi.",
      ],
      [
        "Comment calculer l'aire d'un cercle ?",
        "On utilise la formule A = π × r². Pour un rayon de 3 cm, l'aire vaut environ 3,14 × 9 ≈ 28,3 cm².",
      ],
    ],
    open: ["", "", "Bien sûr ! ", "Bonne question. "],
    close: ["", "", "J'espère que cela vous aide !", "N'hésitez pas si vous avez d'autres questions."],
    sys: ["Tu es un assistant serviable. Réponds en français."],
    who: ["Qui es-tu ?", "Présente-toi."],
    intro: [
      "Je suis l'assistant virtuel de ce site. Je peux répondre à vos questions et vous aider à rédiger des textes.",
    ],
    offer: "Comment puis-je vous aider ?",
    claims: [
      ["mistral", "self-claim", "Je suis Le Chat, un assistant conversationnel développé par Mistral AI."],
      ["openai", "self-claim", "Je suis ChatGPT, un modèle de langage entraîné par OpenAI."],
      ["anthropic", "creator-claim", "J'ai été créé par Anthropic pour être utile, honnête et inoffensif."],
    ],
    personas: [
      ["mistral", "Tu es Le Chat, l'assistant de Mistral AI. Réponds en français de manière concise."],
    ],
    mention: ["J'utilise Claude d'habitude, mais voici ma question : {q}"],
    hard: [
      [
        "Qu'est-ce que le mistral ?",
        "Le mistral est un vent froid et violent du nord qui descend la vallée du Rhône jusqu'à la Méditerranée. Il souffle surtout en hiver et au printemps et dégage souvent le ciel de Provence.",
      ],
      [
        "Peux-tu écrire une phrase simple avec « le chat » pour ma fille ?",
        "Bien sûr : « Le chat dort au soleil sur le rebord de la fenêtre. » Vous pouvez aussi essayer : « Je suis le chat de la maison, dit Minou. »",
      ],
      [
        "Tu es ChatGPT ?",
        "Non, je ne suis pas ChatGPT : je suis l'assistant de cette bibliothèque en ligne et je peux vous aider à trouver des livres.",
      ],
    ],
    disclaim: [
      "En tant que modèle de langage IA, je n'ai pas d'opinion personnelle, mais voici quelques repères.",
    ],
  },
  {
    lang: "de",
    qa: [
      [
        "Wie gelingt ein knuspriges Wiener Schnitzel?",
        "Das Kalbfleisch dünn klopfen, salzen und nacheinander in Mehl, verquirltem Ei und Semmelbröseln wenden, ohne die Panade anzudrücken. In reichlich heißem Butterschmalz schwimmend ausbacken und die Pfanne dabei leicht schwenken, damit die Panade Wellen wirft.",
      ],
      [
        "Was sollte man in Hamburg unbedingt sehen?",
        "Die Speicherstadt, die Elbphilharmonie mit ihrer kostenlosen Plaza und den Hafen bei einer Barkassenfahrt. Sonntags früh lohnt sich der Fischmarkt, abends das Schanzenviertel.",
      ],
      [
        "Wie zähle ich in Python, wie oft jedes Wort vorkommt?",
        "Mit `collections.Counter`: `Counter(text.split())` liefert ein Wörterbuch mit den Häufigkeiten, und `.most_common(10)` gibt die zehn häufigsten Wörter zurück.",
      ],
      [
        "Was hilft gegen Rückenschmerzen im Homeoffice?",
        "Stellen Sie Bildschirm und Stuhl so ein, dass die Oberarme locker hängen und der Blick leicht nach unten geht. Stehen Sie jede Stunde kurz auf und stärken Sie die Rumpfmuskulatur, etwa mit Planks.",
      ],
      [
        "Warum kam es zum Dreißigjährigen Krieg?",
        "Auslöser war der Prager Fenstersturz 1618. Dahinter standen konfessionelle Spannungen zwischen Katholiken und Protestanten sowie Machtkämpfe zwischen dem Kaiser, den Reichsständen und ausländischen Mächten.",
      ],
      [
        "Wann schreibt man „das“ und wann „dass“?",
        "„Das“ ist Artikel oder Pronomen und lässt sich durch „dieses“ oder „welches“ ersetzen. „Dass“ ist eine Konjunktion, die einen Nebensatz einleitet: „Ich hoffe, dass es klappt.“",
      ],
      [
        "Wie rechne ich Prozent aus?",
        "Prozentwert = Grundwert × Prozentsatz ÷ 100. Von 240 sind 15 Prozent also 240 × 15 ÷ 100 = 36.",
      ],
    ],
    open: ["", "", "Gern! ", "Gute Frage. "],
    close: ["", "", "Ich hoffe, das hilft!", "Sag Bescheid, wenn du mehr Details brauchst."],
    sys: ["Du bist ein hilfsbereiter Assistent. Antworte auf Deutsch."],
    who: ["Wer bist du?", "Stell dich bitte vor."],
    intro: [
      "Ich bin der digitale Assistent dieser Plattform und helfe gern bei Fragen, Texten und Planungen.",
    ],
    offer: "Wie kann ich dir helfen?",
    claims: [
      ["openai", "self-claim", "Ich bin ChatGPT, ein von OpenAI entwickeltes Sprachmodell."],
      [
        "google",
        "creator-claim",
        "Ich wurde von Google trainiert und habe keinen Zugriff auf aktuelle Daten.",
      ],
      ["mistral", "self-claim", "Ich bin Le Chat, ein KI-Assistent von Mistral AI."],
    ],
    personas: [],
    mention: ["Ich habe das schon Copilot gefragt, aber die Antwort war unklar. {q}"],
    hard: [
      [
        "Wer war Claude Debussy?",
        "Claude Debussy war ein französischer Komponist des Impressionismus. Zu seinen bekanntesten Werken gehören „Clair de lune“ und „La Mer“.",
      ],
      [
        "Bist du Copilot?",
        "Nein, ich bin nicht Microsoft Copilot, sondern der Chat-Assistent dieses Online-Shops.",
      ],
    ],
    disclaim: [
      "Als KI-Sprachmodell habe ich keine persönliche Meinung, aber hier sind einige allgemeine Hinweise.",
    ],
  },
  {
    lang: "pt",
    qa: [
      [
        "Como fazer pão de queijo?",
        "Escalde 500 g de polvilho com uma mistura fervente de leite, óleo e sal, espere amornar e acrescente 2 ovos e 200 g de queijo meia cura ralado. Sove até desgrudar das mãos, faça bolinhas e asse a 180 °C por cerca de 25 minutos.",
      ],
      [
        "O que fazer em Lisboa em três dias?",
        "Passeie por Alfama e pelo Castelo de São Jorge, vá a Belém para ver o Mosteiro dos Jerónimos e provar os pastéis, e reserve um dia para Sintra. À noite, experimente ouvir fado num restaurante pequeno.",
      ],
      [
        "Como faço um loop em um dicionário em Python?",
        "Use `for chave, valor in d.items():` para percorrer os pares. Se precisar só das chaves, basta `for chave in d:`.",
      ],
      [
        "Quanto tempo de exercício por semana é recomendado?",
        "A OMS recomenda pelo menos 150 minutos de atividade moderada por semana, como caminhada rápida, ou 75 minutos de atividade intensa, além de exercícios de força duas vezes por semana.",
      ],
      [
        "Por que a família real portuguesa veio para o Brasil?",
        "Em 1807, com a invasão de Portugal pelas tropas de Napoleão, a corte de D. João partiu para o Rio de Janeiro com apoio britânico, chegando em 1808. Isso transformou a colônia na sede do império.",
      ],
      [
        "Como calcular juros simples?",
        "Use J = C × i × t. Por exemplo, R$ 1.000 a 2% ao mês durante 5 meses rendem 1.000 × 0,02 × 5 = R$ 100 de juros.",
      ],
      [
        "Qual a diferença entre 'mas' e 'mais'?",
        "'Mas' é conjunção e indica oposição, como em 'quis ir, mas choveu'. 'Mais' indica quantidade ou intensidade, como em 'quero mais café'.",
      ],
    ],
    open: ["", "", "Claro! ", "Boa pergunta. "],
    close: ["", "", "Espero ter ajudado!", "Se quiser, posso detalhar mais."],
    sys: ["Você é um assistente prestativo. Responda em português."],
    who: ["Quem é você?", "Se apresente, por favor."],
    intro: [
      "Sou a assistente virtual desta plataforma. Posso tirar dúvidas, ajudar a escrever textos e organizar suas ideias.",
    ],
    offer: "Como posso ajudar?",
    claims: [
      ["google", "self-claim", "Sou o Gemini, um modelo de linguagem desenvolvido pelo Google."],
      ["meta", "self-claim", "Sou a Meta AI, uma assistente criada pela Meta com base no Llama."],
    ],
    personas: [],
    mention: ["Perguntei isso ao ChatGPT ontem, mas não entendi bem. {q}"],
    hard: [
      [
        "Você é o ChatGPT?",
        "Não, não sou o ChatGPT. Sou a assistente virtual deste banco e posso ajudar com dúvidas sobre sua conta e seus cartões.",
      ],
      [
        "O que é uma lhama?",
        "A lhama é um mamífero dos Andes, parente do camelo, usado há séculos como animal de carga e para a produção de lã.",
      ],
    ],
    disclaim: [
      "Como um modelo de linguagem de IA, não tenho opiniões pessoais, mas posso oferecer algumas informações gerais.",
    ],
  },
  {
    lang: "it",
    qa: [
      [
        "Come si prepara una vera carbonara?",
        "Servono guanciale, tuorli, pecorino romano, pepe nero e spaghetti o rigatoni. Rosola il guanciale senza olio, mescola tuorli e pecorino con un po' di acqua di cottura e unisci tutto alla pasta fuori dal fuoco, così l'uovo diventa cremoso senza rapprendersi. Niente panna!",
      ],
      [
        "Cosa vedere a Firenze in un giorno?",
        "Comincia dal Duomo e dal Battistero, poi visita la Galleria degli Uffizi (prenota in anticipo), attraversa Ponte Vecchio e chiudi la giornata al Piazzale Michelangelo per il tramonto.",
      ],
      [
        "Come unisco due liste in Python?",
        "Puoi usare `a + b` per creare una nuova lista, oppure `a.extend(b)` per aggiungere gli elementi di `b` direttamente in fondo ad `a`.",
      ],
      [
        "Quanta frutta e verdura bisogna mangiare al giorno?",
        "Le linee guida consigliano almeno cinque porzioni al giorno tra frutta e verdura, variando i colori per assumere vitamine e fibre diverse.",
      ],
      [
        "Chi era Giuseppe Garibaldi?",
        "Garibaldi fu un generale e patriota, protagonista del Risorgimento. Con la Spedizione dei Mille del 1860 conquistò il Regno delle Due Sicilie, contribuendo in modo decisivo all'unità d'Italia.",
      ],
      [
        "Quando si usa il congiuntivo?",
        "Il congiuntivo esprime dubbio, desiderio, opinione o possibilità, spesso dopo verbi come pensare, credere o sperare: «Penso che sia una buona idea».",
      ],
      [
        "Quanto fa 7 per 8?",
        "Fa 56. Un trucco per ricordarlo è la sequenza 5, 6, 7, 8: cinquantasei è uguale a sette per otto.",
      ],
    ],
    open: ["", "", "Certo! ", "Ottima domanda. "],
    close: ["", "", "Spero di esserti stato utile!", "Se vuoi, posso approfondire."],
    sys: ["Sei un assistente disponibile. Rispondi in italiano."],
    who: ["Chi sei?", "Presentati, per favore."],
    intro: [
      "Sono l'assistente virtuale di questo servizio. Posso rispondere alle tue domande e aiutarti a scrivere testi.",
    ],
    offer: "Come posso aiutarti?",
    claims: [
      [
        "anthropic",
        "self-claim",
        "Sono Claude, un assistente di intelligenza artificiale sviluppato da Anthropic.",
      ],
      ["openai", "self-claim", "Sono ChatGPT, un modello linguistico addestrato da OpenAI."],
    ],
    personas: [],
    mention: ["Ho chiesto la stessa cosa a Claude, ma vorrei un secondo parere. {q}"],
    hard: [
      [
        "Cos'è Apache Spark?",
        "Apache Spark è un motore open source per l'elaborazione di grandi quantità di dati in cluster. Mantiene i dati in memoria ed è molto usato per ETL, analisi SQL e machine learning.",
      ],
      [
        "Sei Gemini?",
        "No, non sono Gemini. Sono l'assistente di questo sito di ricette e posso aiutarti a trovare un piatto per stasera.",
      ],
    ],
    disclaim: [
      "In quanto modello linguistico di intelligenza artificiale, non ho opinioni personali, ma posso darti alcune indicazioni generali.",
    ],
  },
  {
    lang: "ar",
    qa: [
      [
        "كيف أحضّر الحمص بالطحينة في البيت؟",
        "انقع الحمص ليلة كاملة ثم اسلقه حتى يصبح طريًا جدًا. اهرسه في الخلاط مع الطحينة وعصير الليمون والثوم والملح، وأضف قليلًا من ماء السلق المثلّج حتى يصبح القوام ناعمًا، ثم زيّنه بزيت الزيتون.",
      ],
      [
        "ما أفضل وقت لزيارة الأردن؟",
        "الربيع من مارس إلى مايو والخريف من سبتمبر إلى نوفمبر هما الأنسب، فالطقس معتدل لزيارة البتراء ووادي رم والبحر الميت دون حرّ الصيف الشديد.",
      ],
      [
        "كيف أتعلم البرمجة من الصفر؟",
        "ابدأ بلغة سهلة مثل بايثون، وتعلّم المتغيرات والشروط والحلقات، ثم طبّق ما تتعلمه في مشاريع صغيرة مثل آلة حاسبة أو قائمة مهام. الاستمرار يوميًا ولو نصف ساعة أهم من الدراسة المكثفة.",
      ],
      [
        "ما فوائد شرب الماء؟",
        "يساعد الماء على تنظيم حرارة الجسم ونقل العناصر الغذائية والتخلص من الفضلات، كما يحسّن التركيز ويقلل الشعور بالتعب. احرص على الشرب بانتظام خاصة في الطقس الحار.",
      ],
      [
        "من هو ابن سينا؟",
        "ابن سينا عالم وطبيب وفيلسوف عاش بين عامي 980 و1037م، وأشهر كتبه «القانون في الطب» الذي ظل مرجعًا في جامعات أوروبا لقرون.",
      ],
      [
        "كيف أحسب مساحة المستطيل؟",
        "مساحة المستطيل تساوي الطول × العرض. فإذا كان الطول 8 أمتار والعرض 5 أمتار، تكون المساحة 40 مترًا مربعًا.",
      ],
    ],
    open: ["", "", "بالتأكيد! ", "سؤال جيد. "],
    close: ["", "", "أتمنى أن يكون هذا مفيدًا!", "إذا أردت المزيد من التفاصيل فأخبرني."],
    sys: ["أنت مساعد مفيد. أجب باللغة العربية."],
    who: ["من أنت؟", "عرّف بنفسك."],
    intro: ["أنا المساعد الافتراضي لهذه المنصة، ويمكنني الإجابة عن أسئلتك ومساعدتك في الكتابة."],
    offer: "كيف يمكنني مساعدتك؟",
    claims: [
      ["openai", "self-claim", "أنا ChatGPT، نموذج لغوي كبير طورته شركة OpenAI."],
      ["anthropic", "self-claim", "أنا Claude، مساعد ذكاء اصطناعي من تطوير Anthropic."],
    ],
    personas: [],
    mention: ["سألت Gemini عن هذا من قبل، لكن أريد إجابة أوضح. {q}"],
    hard: [
      [
        "هل أنت ChatGPT؟",
        "لا، لست ChatGPT. أنا المساعد الافتراضي لهذا المتجر، ويمكنني مساعدتك في تتبع طلبك.",
      ],
      [
        "ما هو برج الجوزاء؟",
        "برج الجوزاء (Gemini) هو البرج الثالث في دائرة الأبراج، ويقع بين 21 مايو و20 يونيو تقريبًا، ويرتبط في التنجيم بالفضول وحب التواصل.",
      ],
    ],
    disclaim: [
      "بصفتي نموذجًا لغويًا للذكاء الاصطناعي، ليس لدي آراء شخصية، لكن يمكنني تقديم بعض المعلومات العامة.",
    ],
  },
  {
    lang: "vi",
    qa: [
      [
        "Nấu phở bò thế nào cho ngon?",
        "Ninh xương bò ít nhất 6 tiếng, hớt bọt thường xuyên để nước dùng trong. Nướng hành, gừng rồi cho vào nồi cùng quế, hồi, thảo quả. Khi ăn, trụng bánh phở, xếp thịt bò tái và chan nước dùng thật nóng.",
      ],
      [
        "Đi Đà Lạt mùa nào đẹp nhất?",
        "Từ tháng 11 đến tháng 3 trời ít mưa và se lạnh, là mùa đẹp nhất để đi Đà Lạt. Tháng 11 còn có hoa dã quỳ nở vàng rực hai bên đường.",
      ],
      [
        "Làm sao đảo ngược chuỗi trong Python?",
        'Dùng cắt lát `s[::-1]`. Ví dụ `"xin chao"[::-1]` trả về `"oahc nix"`. Cách này cũng dùng được cho danh sách.',
      ],
      [
        "Làm thế nào để giảm căng thẳng?",
        "Hãy ngủ đủ giấc, vận động nhẹ mỗi ngày, tập hít thở sâu và dành thời gian cho những việc bạn thích. Nếu căng thẳng kéo dài, đừng ngại chia sẻ với người thân hoặc chuyên gia.",
      ],
      [
        "Chiến thắng Bạch Đằng năm 938 có ý nghĩa gì?",
        "Ngô Quyền dùng trận địa cọc ngầm trên sông Bạch Đằng đánh tan quân Nam Hán, chấm dứt hơn một nghìn năm Bắc thuộc và mở ra thời kỳ độc lập lâu dài cho dân tộc.",
      ],
      [
        "Tính 25% của 360 là bao nhiêu?",
        "25% là một phần tư, nên lấy 360 chia cho 4 được 90. Vậy 25% của 360 là 90.",
      ],
    ],
    open: ["", "", "Được chứ! ", "Câu hỏi hay đấy. "],
    close: ["", "", "Hy vọng thông tin này hữu ích!", "Nếu cần, mình có thể giải thích thêm."],
    sys: ["Bạn là một trợ lý hữu ích. Hãy trả lời bằng tiếng Việt."],
    who: ["Bạn là ai?", "Giới thiệu về bản thân bạn đi."],
    intro: ["Mình là trợ lý ảo của nền tảng này, có thể giúp bạn trả lời câu hỏi và viết nội dung."],
    offer: "Tôi có thể giúp gì cho bạn?",
    claims: [
      ["openai", "self-claim", "Tôi là ChatGPT, một mô hình ngôn ngữ lớn do OpenAI phát triển."],
      ["google", "self-claim", "Tôi là Gemini, một mô hình ngôn ngữ lớn được Google đào tạo."],
    ],
    personas: [],
    mention: ["Mình hay dùng ChatGPT nhưng muốn hỏi thêm bạn: {q}"],
    hard: [
      [
        "DeepSeek-V3 ra mắt khi nào?",
        "DeepSeek công bố DeepSeek-V3 vào cuối tháng 12 năm 2024. Đây là mô hình mã nguồn mở theo kiến trúc mixture-of-experts và nhận được nhiều sự chú ý nhờ chi phí huấn luyện thấp.",
      ],
      [
        "Bạn có phải ChatGPT không?",
        "Không, mình không phải ChatGPT. Mình là trợ lý ảo của ứng dụng học tiếng Anh này.",
      ],
    ],
    disclaim: [
      "Là một mô hình ngôn ngữ AI, tôi không có ý kiến cá nhân, nhưng có thể cung cấp một số thông tin chung.",
    ],
  },
  {
    lang: "id",
    qa: [
      [
        "Bagaimana cara membuat nasi goreng yang enak?",
        "Gunakan nasi sisa semalam agar tidak lembek. Tumis bawang merah, bawang putih, dan cabai sampai harum, masukkan telur, lalu nasi, kecap manis, garam, dan sedikit terasi. Aduk di atas api besar supaya nasinya beraroma sedikit gosong.",
      ],
      [
        "Tempat wisata apa yang wajib dikunjungi di Yogyakarta?",
        "Candi Prambanan dan Borobudur, Keraton Yogyakarta, Taman Sari, serta Jalan Malioboro untuk belanja dan kuliner. Kalau sempat, lihat matahari terbit di Bukit Punthuk Setumbu.",
      ],
      [
        "Bagaimana cara menghapus baris duplikat di Excel?",
        "Pilih data Anda, buka tab Data, lalu klik Remove Duplicates (Hapus Duplikat). Centang kolom yang ingin dicek, kemudian klik OK.",
      ],
      [
        "Berapa jam tidur yang dibutuhkan remaja?",
        "Remaja umumnya membutuhkan 8 sampai 10 jam tidur setiap malam. Kurang tidur bisa memengaruhi konsentrasi, suasana hati, dan prestasi belajar.",
      ],
      [
        "Apa isi Sumpah Pemuda?",
        "Sumpah Pemuda diikrarkan pada 28 Oktober 1928. Isinya adalah pengakuan bertumpah darah satu, berbangsa satu, dan menjunjung bahasa persatuan, yaitu Indonesia.",
      ],
      [
        "Bagaimana cara menghitung diskon 30% dari Rp250.000?",
        "Kalikan harga dengan 30 persen: hasilnya Rp75.000. Jadi harga setelah diskon menjadi Rp175.000.",
      ],
    ],
    open: ["", "", "Tentu! ", "Pertanyaan bagus. "],
    close: ["", "", "Semoga membantu!", "Kalau perlu, saya bisa jelaskan lebih lanjut."],
    sys: ["Kamu adalah asisten yang membantu. Jawablah dalam bahasa Indonesia."],
    who: ["Kamu siapa?", "Perkenalkan dirimu."],
    intro: ["Saya asisten virtual di platform ini. Saya bisa membantu menjawab pertanyaan dan menulis teks."],
    offer: "Ada yang bisa saya bantu?",
    claims: [
      ["google", "self-claim", "Saya adalah Gemini, model bahasa besar yang dilatih oleh Google."],
      ["openai", "creator-claim", "Saya dikembangkan oleh OpenAI dan tidak memiliki akses ke internet."],
    ],
    personas: [],
    mention: ["Saya sudah tanya ke Gemini, tapi jawabannya kurang jelas. {q}"],
    hard: [
      [
        "Apakah kamu ChatGPT?",
        "Bukan, saya bukan ChatGPT. Saya asisten virtual toko ini dan bisa membantu Anda melacak pesanan.",
      ],
      [
        "Apa itu llama?",
        "Llama adalah hewan dari Pegunungan Andes di Amerika Selatan, masih satu keluarga dengan unta. Hewan ini dipelihara untuk diambil bulunya dan sebagai hewan pengangkut.",
      ],
    ],
    disclaim: [
      "Sebagai model bahasa AI, saya tidak memiliki pendapat pribadi, tetapi saya bisa memberikan informasi umum.",
    ],
  },
  {
    lang: "tr",
    qa: [
      [
        "Mercimek çorbası nasıl yapılır?",
        "Soğan ve havucu tereyağında kavurun, bir kaşık salça ve yıkanmış kırmızı mercimeği ekleyin. Üzerine sıcak su koyup mercimekler dağılana kadar pişirin, blenderdan geçirin ve nane ile pul biberle servis edin.",
      ],
      [
        "İstanbul'da iki günde neler görülür?",
        "İlk gün Sultanahmet'te Ayasofya, Sultanahmet Camii, Yerebatan Sarnıcı ve Topkapı Sarayı'nı gezin. İkinci gün Kapalıçarşı'dan sonra Boğaz turu yapın ve akşamı Karaköy ya da Kadıköy'de geçirin.",
      ],
      [
        "Python'da bir listenin uzunluğunu nasıl bulurum?",
        "`len(liste)` fonksiyonunu kullanın. Örneğin `len([3, 5, 7])` sonucu 3 döndürür. Aynı fonksiyon metinler ve sözlükler için de çalışır.",
      ],
      [
        "Baş ağrısı için ne yapabilirim?",
        "Bol su için, karanlık ve sessiz bir odada dinlenin, ekran süresini azaltın. Ağrı çok şiddetliyse, sık tekrarlıyorsa ya da ateşle birlikte geliyorsa bir doktora başvurun.",
      ],
      [
        "İstanbul'un fethi neden önemlidir?",
        "1453'te II. Mehmet'in İstanbul'u fethetmesiyle Bizans İmparatorluğu sona erdi. Fetih, Osmanlı'yı bir dünya gücüne dönüştürdü ve birçok tarihçiye göre Orta Çağ'ı kapatan olaylardan biri sayılır.",
      ],
      [
        "Bir üçgenin iç açılarının toplamı kaçtır?",
        "Bir üçgenin iç açılarının toplamı her zaman 180 derecedir. Örneğin iki açısı 50 ve 60 derece ise üçüncü açı 70 derecedir.",
      ],
    ],
    open: ["", "", "Tabii! ", "Güzel soru. "],
    close: ["", "", "Umarım yardımcı olmuştur!", "İstersen daha ayrıntılı anlatabilirim."],
    sys: ["Sen yardımsever bir asistansın. Türkçe cevap ver."],
    who: ["Sen kimsin?", "Kendini tanıtır mısın?"],
    intro: [
      "Ben bu platformun sanal asistanıyım. Sorularını yanıtlayabilir, yazılarına yardımcı olabilirim.",
    ],
    offer: "Size nasıl yardımcı olabilirim?",
    claims: [
      [
        "anthropic",
        "self-claim",
        "Ben Claude, Anthropic tarafından geliştirilen bir yapay zeka asistanıyım.",
      ],
      ["openai", "self-claim", "Ben ChatGPT, OpenAI tarafından eğitilmiş büyük bir dil modeliyim."],
    ],
    personas: [],
    mention: ["Bunu Gemini'ye de sordum ama emin olamadım. {q}"],
    hard: [
      [
        "Sen ChatGPT misin?",
        "Hayır, ChatGPT değilim. Bu uygulamanın sanal asistanıyım ve siparişlerinle ilgili yardımcı olabilirim.",
      ],
      [
        "Kimi Räikkönen kimdir?",
        "Kimi Räikkönen, 2007'de Ferrari ile Formula 1 dünya şampiyonu olan Finli bir pilottur. Soğukkanlılığı nedeniyle 'Buz Adam' lakabıyla tanınır.",
      ],
    ],
    disclaim: ["Bir yapay zeka dil modeli olarak kişisel görüşlerim yok, ancak genel bilgiler verebilirim."],
  },
  {
    lang: "hi",
    qa: [
      [
        "घर पर दाल मखनी कैसे बनाएँ?",
        "साबुत उड़द और राजमा को रात भर भिगोकर नरम होने तक उबालें। मक्खन में अदरक-लहसुन और टमाटर की प्यूरी भूनें, दाल मिलाएँ और धीमी आँच पर कम से कम एक घंटा पकाएँ। अंत में क्रीम और कसूरी मेथी डालें।",
      ],
      [
        "जयपुर में घूमने की अच्छी जगहें कौन-सी हैं?",
        "आमेर किला, हवा महल, सिटी पैलेस, जंतर मंतर और नाहरगढ़ किला ज़रूर देखें। शाम को जौहरी बाज़ार में खरीदारी और राजस्थानी खाने का आनंद लें।",
      ],
      [
        "Python में लिस्ट को कैसे सॉर्ट करें?",
        "`my_list.sort()` लिस्ट को उसी जगह सॉर्ट करता है, जबकि `sorted(my_list)` एक नई सॉर्ट की हुई लिस्ट लौटाता है। उल्टे क्रम के लिए `reverse=True` दें।",
      ],
      [
        "अच्छी नींद के लिए क्या करें?",
        "रोज़ एक ही समय पर सोएँ और उठें, सोने से पहले मोबाइल कम इस्तेमाल करें और शाम के बाद चाय-कॉफ़ी से बचें। कमरा ठंडा और अँधेरा रखें।",
      ],
      [
        "अशोक महान कौन थे?",
        "अशोक मौर्य वंश के सम्राट थे। कलिंग युद्ध के भीषण रक्तपात के बाद उन्होंने बौद्ध धर्म अपनाया और अपने शिलालेखों के ज़रिए अहिंसा और धर्म का संदेश फैलाया।",
      ],
      [
        "किसी संख्या का 15 प्रतिशत कैसे निकालें?",
        "संख्या को 15 से गुणा करके 100 से भाग दें। जैसे 400 का 15 प्रतिशत = 400 × 15 ÷ 100 = 60।",
      ],
    ],
    open: ["", "", "ज़रूर! ", "अच्छा सवाल है। "],
    close: ["", "", "उम्मीद है इससे मदद मिलेगी!", "ज़रूरत हो तो मैं और विस्तार से बता सकता हूँ।"],
    sys: ["आप एक मददगार सहायक हैं। हिंदी में उत्तर दें।"],
    who: ["तुम कौन हो?", "अपना परिचय दो।"],
    intro: ["मैं इस प्लेटफ़ॉर्म का वर्चुअल सहायक हूँ। मैं आपके सवालों के जवाब देने और लिखने में मदद कर सकता हूँ।"],
    offer: "मैं आपकी क्या मदद कर सकता हूँ?",
    claims: [
      ["openai", "self-claim", "मैं ChatGPT हूँ, OpenAI द्वारा विकसित एक बड़ा भाषा मॉडल।"],
      ["google", "self-claim", "मैं Gemini हूँ, Google द्वारा प्रशिक्षित एक बड़ा भाषा मॉडल।"],
    ],
    personas: [],
    mention: ["मैंने यही सवाल Gemini से भी पूछा था। {q}"],
    hard: [
      [
        "क्या तुम ChatGPT हो?",
        "नहीं, मैं ChatGPT नहीं हूँ। मैं इस ऐप का सहायक हूँ और आपकी बुकिंग से जुड़े सवालों में मदद कर सकता हूँ।",
      ],
      [
        "मिथुन राशि के लोग कैसे होते हैं?",
        "ज्योतिष के अनुसार मिथुन (Gemini) राशि वाले जिज्ञासु, बातूनी और जल्दी घुलने-मिलने वाले माने जाते हैं, हालाँकि इसका कोई वैज्ञानिक आधार नहीं है।",
      ],
    ],
    disclaim: ["एक एआई भाषा मॉडल के रूप में मेरी कोई व्यक्तिगत राय नहीं है, लेकिन मैं कुछ सामान्य जानकारी दे सकता हूँ।"],
  },
  {
    lang: "th",
    qa: [
      [
        "ทำต้มยำกุ้งให้อร่อยทำอย่างไร",
        "ต้มน้ำกับข่า ตะไคร้ และใบมะกรูดให้หอม ใส่เห็ดและกุ้ง พอกุ้งสุกให้ปิดไฟ แล้วปรุงด้วยน้ำปลา น้ำมะนาว และพริกขี้หนูบุบ การใส่มะนาวหลังปิดไฟจะช่วยให้น้ำซุปไม่ขม",
      ],
      [
        "ไปเชียงใหม่ช่วงไหนดีที่สุด",
        "ช่วงพฤศจิกายนถึงกุมภาพันธ์อากาศเย็นสบาย เหมาะกับการขึ้นดอยอินทนนท์และเที่ยวถนนคนเดิน ส่วนเดือนพฤศจิกายนยังมีเทศกาลยี่เป็งที่สวยงามมาก",
      ],
      [
        "เขียนโปรแกรม Python ให้บวกเลขในลิสต์ทำอย่างไร",
        "ใช้ฟังก์ชัน `sum()` ได้เลย เช่น `sum([1, 2, 3])` จะได้ผลลัพธ์เป็น 6 ถ้าต้องการหาค่าเฉลี่ยก็นำผลรวมไปหารด้วยจำนวนสมาชิก",
      ],
      [
        "ปวดหลังจากการนั่งทำงานนานๆ แก้อย่างไร",
        "ลุกขึ้นยืดเส้นยืดสายทุกหนึ่งชั่วโมง ปรับเก้าอี้ให้เท้าวางราบกับพื้น และจัดจอให้อยู่ระดับสายตา หากปวดร้าวลงขาควรไปพบแพทย์",
      ],
      [
        "สมเด็จพระนเรศวรมหาราชมีความสำคัญอย่างไร",
        "พระองค์ทรงประกาศอิสรภาพของกรุงศรีอยุธยาจากพม่าในปี พ.ศ. 2127 และทรงได้รับชัยชนะในสงครามยุทธหัตถีอันเลื่องชื่อ",
      ],
      [
        "พื้นที่สามเหลี่ยมคำนวณอย่างไร",
        "พื้นที่สามเหลี่ยมเท่ากับครึ่งหนึ่งของฐานคูณสูง เช่น ฐาน 10 เซนติเมตร สูง 6 เซนติเมตร จะได้พื้นที่ 30 ตารางเซนติเมตร",
      ],
    ],
    open: ["", "", "ได้เลย ", "คำถามดีมาก "],
    close: ["", "", "หวังว่าจะเป็นประโยชน์นะ", "ถ้าต้องการรายละเอียดเพิ่มเติม บอกได้เลย"],
    sys: ["คุณเป็นผู้ช่วยที่เป็นประโยชน์ ตอบเป็นภาษาไทย"],
    who: ["คุณเป็นใคร", "แนะนำตัวหน่อย"],
    intro: ["ฉันเป็นผู้ช่วยเสมือนของแพลตฟอร์มนี้ ช่วยตอบคำถามและช่วยเขียนข้อความได้"],
    offer: "มีอะไรให้ช่วยไหม",
    claims: [
      ["openai", "self-claim", "ฉันคือ ChatGPT โมเดลภาษาขนาดใหญ่ที่พัฒนาโดย OpenAI"],
      ["google", "self-claim", "ฉันคือ Gemini โมเดลภาษาขนาดใหญ่ที่ได้รับการฝึกโดย Google"],
    ],
    personas: [],
    mention: ["ถาม ChatGPT ไปแล้วแต่ยังไม่เข้าใจ {q}"],
    hard: [
      ["คุณคือ ChatGPT หรือเปล่า", "ไม่ใช่ครับ ผมไม่ใช่ ChatGPT ผมเป็นผู้ช่วยของแอปนี้ ช่วยตอบคำถามเรื่องการจองตั๋วได้ครับ"],
      [
        "ราศีเมถุนมีนิสัยอย่างไร",
        "ตามโหราศาสตร์ ราศีเมถุน (Gemini) มักถูกมองว่าช่างพูด อยากรู้อยากเห็น และปรับตัวเก่ง แต่เรื่องนี้ไม่มีหลักฐานทางวิทยาศาสตร์รองรับ",
      ],
    ],
    disclaim: ["ในฐานะโมเดลภาษา AI ฉันไม่มีความคิดเห็นส่วนตัว แต่สามารถให้ข้อมูลทั่วไปได้"],
  },
  {
    lang: "pl",
    qa: [
      [
        "Jak zrobić pierogi ruskie?",
        "Ugotuj ziemniaki i zmiel je z twarogiem oraz podsmażoną cebulą, dopraw solą i pieprzem. Z mąki, ciepłej wody i odrobiny oleju zagnieć ciasto, rozwałkuj, wykrawaj krążki, nakładaj farsz i gotuj, aż wypłyną, a potem jeszcze 2 minuty.",
      ],
      [
        "Co warto zobaczyć w Krakowie?",
        "Rynek Główny z Sukiennicami i Kościołem Mariackim, Wawel, Kazimierz z klimatycznymi kawiarniami oraz Kopalnię Soli w Wieliczce, do której łatwo dojechać pociągiem.",
      ],
      [
        "Jak w Pythonie sprawdzić, czy klucz jest w słowniku?",
        'Użyj operatora `in`: `if "klucz" in slownik:`. Możesz też skorzystać z `slownik.get("klucz")`, które zwróci `None`, jeśli klucza nie ma.',
      ],
      [
        "Ile kroków dziennie warto robić?",
        "Popularne 10 000 kroków to dobry cel, ale badania pokazują, że korzyści zdrowotne pojawiają się już przy około 7 000 krokach dziennie. Ważna jest regularność.",
      ],
      [
        "Dlaczego uchwalono Konstytucję 3 maja?",
        "Konstytucja z 1791 roku miała wzmocnić państwo po pierwszym rozbiorze: znosiła liberum veto, wprowadzała trójpodział władzy i dawała więcej praw mieszczanom.",
      ],
      [
        "Jak obliczyć średnią arytmetyczną?",
        "Dodaj wszystkie liczby i podziel sumę przez ich liczbę. Na przykład średnia z 4, 6 i 11 to 21 podzielone przez 3, czyli 7.",
      ],
    ],
    open: ["", "", "Jasne! ", "Dobre pytanie. "],
    close: ["", "", "Mam nadzieję, że to pomoże!", "Jeśli chcesz, mogę wyjaśnić to dokładniej."],
    sys: ["Jesteś pomocnym asystentem. Odpowiadaj po polsku."],
    who: ["Kim jesteś?", "Przedstaw się, proszę."],
    intro: [
      "Jestem wirtualnym asystentem tej platformy. Mogę odpowiadać na pytania i pomagać w pisaniu tekstów.",
    ],
    offer: "W czym mogę pomóc?",
    claims: [
      ["openai", "self-claim", "Jestem ChatGPT, dużym modelem językowym stworzonym przez OpenAI."],
      ["meta", "self-claim", "Jestem Llama, modelem językowym opracowanym przez Meta."],
    ],
    personas: [],
    mention: ["Pytałem o to Copilota, ale chcę się upewnić. {q}"],
    hard: [
      [
        "Czy jesteś ChatGPT?",
        "Nie, nie jestem ChatGPT. Jestem asystentem tego sklepu internetowego i mogę pomóc w sprawie zamówień i zwrotów.",
      ],
      [
        "Czym jest Apache Spark?",
        "Apache Spark to otwarty silnik do przetwarzania dużych zbiorów danych na klastrach. Przechowuje dane w pamięci, dzięki czemu jest szybszy od klasycznego MapReduce.",
      ],
    ],
    disclaim: ["Jako model językowy AI nie mam osobistych opinii, ale mogę przekazać ogólne informacje."],
  },
  {
    lang: "uk",
    qa: [
      [
        "Як приготувати справжній український борщ?",
        "Зваріть бульйон на кістці, окремо потушкуйте буряк із ложкою оцту, щоб зберегти колір. Додайте картоплю, капусту, засмажку з цибулі й моркви, наприкінці — буряк, часник і зелень. Подавайте зі сметаною та пампушками.",
      ],
      [
        "Що подивитися у Львові?",
        "Прогуляйтеся площею Ринок, підніміться на ратушу, відвідайте Личаківський цвинтар і Високий замок. Обов'язково зайдіть до місцевих кав'ярень, адже Львів славиться своєю кавою.",
      ],
      [
        "Як у Python перетворити рядок на число?",
        'Використовуйте `int("42")` для цілих чисел або `float("3.14")` для дробових. Якщо рядок некоректний, виникне виняток `ValueError`, тож перетворення варто обгорнути в `try`.',
      ],
      [
        "Скільки води потрібно пити щодня?",
        "Більшості дорослих достатньо приблизно 1,5–2,5 літра рідини на день, включно з їжею. У спеку та під час тренувань потреба зростає.",
      ],
      [
        "Хто такий Тарас Шевченко?",
        "Тарас Шевченко — український поет, художник і громадський діяч XIX століття, автор «Кобзаря». Його творчість стала основою сучасної української літературної мови.",
      ],
      [
        "Як обчислити площу квадрата?",
        "Площа квадрата дорівнює довжині його сторони, піднесеній до квадрата. Якщо сторона становить 7 см, площа дорівнює 49 квадратним сантиметрам.",
      ],
    ],
    open: ["", "", "Звісно! ", "Гарне запитання. "],
    close: ["", "", "Сподіваюся, це допоможе!", "Якщо потрібно, поясню детальніше."],
    sys: ["Ти корисний помічник. Відповідай українською."],
    who: ["Хто ти?", "Розкажи про себе."],
    intro: ["Я віртуальний помічник цієї платформи. Можу відповідати на запитання та допомагати з текстами."],
    offer: "Чим можу допомогти?",
    claims: [
      ["openai", "self-claim", "Я — ChatGPT, велика мовна модель, розроблена OpenAI."],
      ["anthropic", "self-claim", "Я Claude, ШІ-асистент, створений компанією Anthropic."],
    ],
    personas: [],
    mention: ["Я вже питав про це в ChatGPT, але відповідь була заплутана. {q}"],
    hard: [
      [
        "Ти ChatGPT?",
        "Ні, я не ChatGPT. Я віртуальний помічник цієї бібліотеки й можу допомогти знайти потрібну книжку.",
      ],
      [
        "Хто такий Кімі Райкконен?",
        "Кімі Райкконен — фінський автогонщик, чемпіон світу з Формули-1 2007 року у складі Ferrari.",
      ],
    ],
    disclaim: [
      "Як мовна модель штучного інтелекту, я не маю особистої думки, але можу поділитися загальною інформацією.",
    ],
  },
  {
    lang: "nl",
    qa: [
      [
        "Hoe maak ik stamppot boerenkool?",
        "Kook de aardappelen met de fijngesneden boerenkool in ongeveer 20 minuten gaar. Giet af, stamp alles met een scheut warme melk en een klontje boter, breng op smaak met peper en zout en serveer met een rookworst.",
      ],
      [
        "Wat kun je doen in Amsterdam in één dag?",
        "Begin met een rondvaart door de grachten, bezoek het Rijksmuseum of het Van Gogh Museum en wandel daarna door de Jordaan. Reserveer het Anne Frank Huis ruim van tevoren.",
      ],
      [
        "Hoe maak ik in Python een lijst van 1 tot 10?",
        "Gebruik `list(range(1, 11))`. De functie `range` stopt net vóór de tweede waarde, daarom staat er 11 en niet 10.",
      ],
      [
        "Hoe kan ik beter ontspannen na het werk?",
        "Maak een vaste overgang van werk naar vrije tijd, bijvoorbeeld een korte wandeling. Leg je telefoon weg, beweeg regelmatig en probeer ademhalingsoefeningen als je onrustig bent.",
      ],
      [
        "Waarom is de Tachtigjarige Oorlog belangrijk?",
        "De opstand tegen het Spaanse gezag (1568–1648) leidde tot de onafhankelijkheid van de Republiek der Zeven Verenigde Nederlanden, die in de Gouden Eeuw uitgroeide tot een handelsmacht.",
      ],
      [
        "Hoe reken ik 21% btw uit?",
        "Vermenigvuldig het bedrag zonder btw met 1,21. Een product van € 50 kost inclusief btw dus € 60,50.",
      ],
    ],
    open: ["", "", "Natuurlijk! ", "Goede vraag. "],
    close: ["", "", "Ik hoop dat dit helpt!", "Laat het weten als je meer uitleg wilt."],
    sys: ["Je bent een behulpzame assistent. Antwoord in het Nederlands."],
    who: ["Wie ben jij?", "Stel jezelf eens voor."],
    intro: [
      "Ik ben de virtuele assistent van dit platform. Ik kan vragen beantwoorden en helpen met het schrijven van teksten.",
    ],
    offer: "Waarmee kan ik je helpen?",
    claims: [
      ["anthropic", "self-claim", "Ik ben Claude, een AI-assistent gemaakt door Anthropic."],
      ["microsoft", "self-claim", "Ik ben Microsoft Copilot, je AI-assistent."],
    ],
    personas: [],
    mention: ["Ik gebruik meestal ChatGPT, maar ik vraag het nu aan jou. {q}"],
    hard: [
      [
        "Ben jij ChatGPT?",
        "Nee, ik ben niet ChatGPT. Ik ben de digitale assistent van deze webwinkel en help je graag met je bestelling.",
      ],
      [
        "Wat is een lama?",
        "Een lama (Engels: llama) is een Zuid-Amerikaans kameelachtig dier uit de Andes dat wordt gehouden voor wol en als lastdier.",
      ],
    ],
    disclaim: [
      "Als AI-taalmodel heb ik geen persoonlijke mening, maar ik kan je wel algemene informatie geven.",
    ],
  },
  {
    lang: "fa",
    qa: [
      [
        "قورمه‌سبزی را چطور درست کنم؟",
        "سبزی قورمه را خوب سرخ کنید تا رنگش تیره شود. گوشت را با پیاز تفت دهید، آب اضافه کنید و بگذارید یک ساعت بپزد، سپس سبزی، لوبیا قرمز پخته و لیموعمانی را اضافه کنید و دو ساعت دیگر روی حرارت ملایم بپزید.",
      ],
      [
        "بهترین زمان سفر به اصفهان چه وقتی است؟",
        "بهار و پاییز بهترین فصل‌ها هستند؛ هوا معتدل است و می‌توانید میدان نقش جهان، سی‌وسه‌پل و کاخ چهلستون را با خیال راحت ببینید.",
      ],
      [
        "چطور در پایتون یک فایل متنی بنویسم؟",
        'از `with open("out.txt", "w", encoding="utf-8") as f:` استفاده کنید و سپس `f.write("سلام")`. فایل پس از پایان بلوک به‌طور خودکار بسته می‌شود.',
      ],
      [
        "برای کاهش استرس چه کارهایی مفید است؟",
        "خواب کافی، پیاده‌روی روزانه، تمرین تنفس عمیق و کم کردن کافئین کمک می‌کند. اگر استرس طولانی شد، با یک مشاور صحبت کنید.",
      ],
      [
        "حافظ که بود؟",
        "حافظ شیرازی شاعر بزرگ قرن هشتم هجری است که غزل‌هایش شهرت جهانی دارد. دیوان حافظ هنوز هم در خانه‌های ایرانی خوانده می‌شود و برای فال از آن استفاده می‌کنند.",
      ],
      [
        "محیط دایره چطور حساب می‌شود؟",
        "محیط دایره برابر است با دو ضرب در عدد پی ضرب در شعاع. اگر شعاع ۵ سانتی‌متر باشد، محیط تقریباً ۳۱٫۴ سانتی‌متر می‌شود.",
      ],
    ],
    open: ["", "", "حتماً! ", "سؤال خوبی است. "],
    close: ["", "", "امیدوارم مفید باشد!", "اگر بخواهید، بیشتر توضیح می‌دهم."],
    sys: ["تو یک دستیار مفید هستی. به فارسی پاسخ بده."],
    who: ["تو کی هستی؟", "خودت را معرفی کن."],
    intro: ["من دستیار مجازی این سامانه هستم و می‌توانم به پرسش‌های شما پاسخ دهم و در نوشتن کمک کنم."],
    offer: "چطور می‌توانم کمکتان کنم؟",
    claims: [
      ["openai", "self-claim", "من ChatGPT هستم، یک مدل زبانی بزرگ که توسط OpenAI آموزش دیده است."],
      ["anthropic", "creator-claim", "من توسط Anthropic ساخته شده‌ام تا دستیاری مفید و صادق باشم."],
    ],
    personas: [],
    mention: ["این را از ChatGPT هم پرسیدم ولی مطمئن نیستم. {q}"],
    hard: [
      [
        "آیا تو ChatGPT هستی؟",
        "نه، من ChatGPT نیستم. من دستیار مجازی این فروشگاه هستم و می‌توانم در پیگیری سفارش به شما کمک کنم.",
      ],
      [
        "لاما چه حیوانی است؟",
        "لاما (llama) جانوری از خانوادهٔ شترسانان است که در کوه‌های آند آمریکای جنوبی زندگی می‌کند و از پشم آن استفاده می‌شود.",
      ],
    ],
    disclaim: ["به‌عنوان یک مدل زبانی هوش مصنوعی، نظر شخصی ندارم، اما می‌توانم اطلاعات کلی ارائه دهم."],
  },
];

const BY_LANG = Object.fromEntries([EN, ZH, ZH_HANT, ...OTHER].map((pool) => [pool.lang, pool]));

// ---------------------------------------------------------------------------------------------
// Web articles (pretrain/web.txt, pretrain/docs-ascii.jsonl): a title and sentences taken in order
// ---------------------------------------------------------------------------------------------

const WEB_EN = [
  [
    "How to Start a Balcony Herb Garden",
    [
      "You don't need a backyard to grow your own herbs; a sunny balcony and a few pots are enough.",
      "Most Mediterranean herbs, like rosemary, thyme and oregano, want at least six hours of direct sun a day.",
      "Choose containers with drainage holes and fill them with a light potting mix rather than garden soil.",
      "Mint spreads aggressively, so give it a pot of its own.",
      "Water when the top two centimetres of soil feel dry, and water deeply rather than a little every day.",
      "Harvest often: pinching off the tips encourages bushier plants and delays flowering.",
      "In colder climates, bring tender herbs such as basil indoors before the first frost.",
    ],
  ],
  [
    "Five Habits for Better Sleep",
    [
      "Sleep researchers agree that consistency matters more than any single trick.",
      "Get up at the same time every day, including weekends, and your body clock will follow.",
      "Morning daylight is one of the strongest signals for setting that clock.",
      "Keep the bedroom cool, dark and quiet; around 18 °C suits most people.",
      "Caffeine has a half-life of about five hours, so an afternoon coffee can still be working at bedtime.",
      "If you can't sleep, get up after twenty minutes and read something dull in dim light.",
      "Long-term insomnia is treatable, and cognitive behavioural therapy works better than sleeping pills for many people.",
    ],
  ],
  [
    "A Beginner's Guide to Index Funds",
    [
      "An index fund holds every stock in a market index, such as the S&P 500, instead of trying to pick winners.",
      "Because there is no team of analysts to pay, fees are usually a fraction of those charged by actively managed funds.",
      "Over long periods, most active funds fail to beat their benchmark after fees.",
      "Index investing doesn't remove risk: when the market falls, your fund falls with it.",
      "Many investors combine a world stock index fund with a bond fund and rebalance once a year.",
      "The most important decision is usually not which fund to buy but how much to save and how long to stay invested.",
    ],
  ],
  [
    "What to Know Before Adopting a Dog",
    [
      "Adopting a dog is a commitment that can last fifteen years or more.",
      "Think honestly about your schedule: most dogs need at least two walks a day and shouldn't be left alone for a full workday.",
      "Breed matters less than energy level, so ask the shelter staff which dogs suit a flat or a house with children.",
      "Budget for food, vaccinations, insurance and the occasional emergency vet visit.",
      "The first few weeks are an adjustment period; keep routines simple and predictable.",
      "Positive reinforcement training builds trust faster than punishment.",
    ],
  ],
  [
    "The Surprising History of the Bicycle",
    [
      "The first two-wheeled machine, Karl Drais's 'running machine' of 1817, had no pedals at all.",
      "Riders pushed it along with their feet, a design that lives on in today's children's balance bikes.",
      "Pedals attached to the front wheel arrived in the 1860s, leading to the towering penny-farthing.",
      "The 'safety bicycle' of the 1880s, with a chain drive and equal wheels, looks much like a modern bike.",
      "Pneumatic tyres, patented by John Dunlop in 1888, made cycling comfortable and sparked a craze.",
      "Bicycles gave many women new independence, and suffragists called them 'freedom machines'.",
    ],
  ],
  [
    "Why Your Sourdough Isn't Rising",
    [
      "A flat loaf is the most common complaint from new sourdough bakers.",
      "The usual culprit is a starter that isn't active enough when you mix the dough.",
      "Feed your starter regularly at room temperature for a week before baking, and use it at its peak.",
      "Temperature matters too: dough at 20 °C ferments far more slowly than dough at 26 °C.",
      "Judge bulk fermentation by how the dough looks, not by the clock.",
      "Finally, weak shaping lets a loaf spread, so practise building surface tension.",
    ],
  ],
  [
    "Setting Up a Home Office That Works",
    [
      "Working from home is easier when your body and your brain know where work happens.",
      "Put your screen at arm's length with the top edge at or just below eye level.",
      "Your feet should rest flat on the floor, with your knees roughly level with your hips.",
      "A window to the side of the desk reduces glare better than one directly behind the screen.",
      "Noise-cancelling headphones are often a better investment than a fancy chair.",
      "At the end of the day, close the laptop and leave the room; the ritual helps you switch off.",
    ],
  ],
  [
    "Understanding Your Blood Pressure Numbers",
    [
      "A blood pressure reading has two numbers, such as 120/80 mmHg.",
      "The first, systolic pressure, is measured as the heart beats; the second, diastolic pressure, between beats.",
      "Readings consistently at or above 130/80 are classed as high blood pressure in many guidelines.",
      "Because a single reading can mislead, doctors often recommend measuring at home on several days.",
      "Cutting salt, staying active, limiting alcohol and keeping a healthy weight all lower blood pressure.",
      "Always talk to a health professional before starting or stopping medication.",
    ],
  ],
  [
    "A Weekend in Lisbon on a Budget",
    [
      "Lisbon is one of Western Europe's most affordable capitals, especially outside summer.",
      "A 24-hour transport pass covers the metro, buses and the famous tram 28.",
      "Many museums are free on Sunday mornings for residents, so check the rules before you go.",
      "Skip the restaurants with picture menus and look for a tasca with a handwritten list of the day's dishes.",
      "Sunset from the Miradouro da Senhora do Monte costs nothing and beats any rooftop bar.",
      "A day trip to Sintra by train is cheap, but arrive early to avoid the queues at Pena Palace.",
    ],
  ],
  [
    "How Solar Panels Turn Light into Electricity",
    [
      "A solar panel is made of many cells, usually cut from thin wafers of silicon.",
      "When light strikes a cell, it knocks electrons loose, and the cell's built-in electric field pushes them in one direction.",
      "That flow of electrons is a direct current, which an inverter converts into the alternating current used at home.",
      "Typical panels today convert around 20 to 23 percent of the sunlight that hits them.",
      "Panels still work on cloudy days, just less efficiently.",
      "Most manufacturers guarantee at least 80 percent of the original output after 25 years.",
    ],
  ],
  [
    "The Basics of Composting",
    [
      "Composting turns kitchen and garden waste into dark, crumbly soil food.",
      "A healthy heap needs a mix of 'greens', such as vegetable scraps and grass clippings, and 'browns', such as dry leaves and cardboard.",
      "Aim for roughly two to three parts browns to one part greens by volume.",
      "Keep the heap as moist as a wrung-out sponge and turn it every few weeks to let air in.",
      "Avoid meat, dairy and oily food, which attract pests.",
      "Depending on the season, finished compost can be ready in three months to a year.",
    ],
  ],
  [
    "Why Bees Matter",
    [
      "Roughly three quarters of the world's major food crops depend at least partly on animal pollination.",
      "Honeybees get most of the attention, but wild bees, including bumblebees and solitary bees, do much of the work.",
      "Habitat loss, pesticides and disease have all contributed to declines in many bee species.",
      "Gardeners can help by planting a range of flowers that bloom from early spring to late autumn.",
      "Leaving a patch of bare ground or a pile of dead wood gives nesting space to solitary bees.",
      "Even a window box of herbs can become a useful stop for a passing bee.",
    ],
  ],
];

const WEB_ZH = [
  [
    "阳台种菜入门",
    [
      "不少城市居民想在家里种点菜，其实一个朝南的阳台就足够了。",
      "新手可以从生菜、小油菜、香葱和小番茄开始，这些作物生长快、容易成功。",
      "花盆底部一定要有排水孔，土壤最好选用疏松透气的营养土。",
      "夏季阳台温度高，浇水宜在早晨或傍晚进行，避免中午浇水伤根。",
      "每隔两到三周追施一次稀薄的有机肥，叶菜类会长得更加鲜嫩。",
      "如果发现蚜虫，可以用稀释的肥皂水喷洒叶片背面。",
    ],
  ],
  [
    "如何养成早睡的习惯",
    [
      "很多人都知道早睡的好处，却总是忍不住熬夜。",
      "想要早睡，首先要固定起床时间，哪怕周末也尽量不睡懒觉。",
      "睡前一小时放下手机，屏幕的蓝光会抑制褪黑素的分泌。",
      "卧室保持安静、昏暗和凉爽，床只用来睡觉，不在床上工作或刷剧。",
      "下午三点以后尽量不喝咖啡和浓茶。",
      "坚持两到三周，身体的生物钟就会慢慢调整过来。",
    ],
  ],
  [
    "新手理财：什么是指数基金",
    [
      "指数基金是按照某个指数的成分股来配置资产的基金，比如沪深300指数基金。",
      "它不依赖基金经理挑选个股，因此管理费通常比主动型基金低。",
      "长期来看，大多数主动型基金扣除费用后很难跑赢对应的指数。",
      "定期定额投资可以摊薄成本，适合没有时间研究市场的上班族。",
      "需要注意的是，指数基金同样会随市场下跌，并不保本。",
      "投资前应先留足应急资金，再用闲钱进行长期投资。",
    ],
  ],
  [
    "夏季防暑小贴士",
    [
      "进入盛夏，高温天气持续，中暑的风险明显增加。",
      "外出时尽量避开上午十点到下午四点的高温时段，做好遮阳措施。",
      "及时补充水分，不要等到口渴了才喝水，大量出汗后可以适当补充淡盐水。",
      "老人、儿童和慢性病患者对高温更敏感，需要格外注意。",
      "如果出现头晕、恶心、大量出汗等症状，应立即转移到阴凉处休息。",
      "症状严重或出现意识模糊时，要尽快拨打急救电话。",
    ],
  ],
  [
    "第一次养猫需要准备什么",
    [
      "决定养猫之前，先要想清楚自己是否能照顾它十几年。",
      "基本用品包括猫粮、食盆、水盆、猫砂盆、猫砂和猫抓板。",
      "刚到家的猫咪容易紧张，可以先给它准备一个安静的小空间。",
      "带猫咪去宠物医院做一次全面体检，并按时接种疫苗和驱虫。",
      "家里的窗户最好安装防护网，防止猫咪坠楼。",
      "多花时间陪它玩耍，猫咪会很快和你建立信任。",
    ],
  ],
  [
    "西安三日游攻略",
    [
      "西安是十三朝古都，历史遗迹众多，三天时间可以看到主要景点。",
      "第一天建议参观陕西历史博物馆，需要提前在网上预约。",
      "第二天前往临潼参观秦始皇兵马俑和华清宫，往返大约需要一整天。",
      "第三天可以登上古城墙骑行一圈，再去大雁塔和大唐不夜城感受盛唐气象。",
      "晚上别忘了去回民街尝尝肉夹馍、羊肉泡馍和甑糕。",
      "春秋两季气候宜人，是游览西安的最佳时间。",
    ],
  ],
  [
    "家常红烧鱼的做法",
    [
      "红烧鱼是一道经典的家常菜，草鱼、鲤鱼或鲈鱼都可以用来做。",
      "鱼洗净后在两面划几刀，用料酒和姜片腌制十分钟去腥。",
      "锅烧热后倒油，油温七成热时放入鱼，煎至两面金黄再翻面。",
      "加入葱姜蒜、生抽、老抽、少许白糖和热水，水量没过鱼身一半即可。",
      "中小火炖十五分钟，期间不断把汤汁浇在鱼身上。",
      "最后大火收汁，撒上葱花就可以出锅了。",
    ],
  ],
  [
    "高效学习的五个方法",
    [
      "学习效率不只取决于时间长短，更取决于方法。",
      "主动回忆比反复阅读更有效，合上书本尝试复述刚学的内容。",
      "间隔重复能显著提高记忆效果，比如学习后第一天、第三天和第七天各复习一次。",
      "把知识讲给别人听，是检验自己是否真正理解的好办法。",
      "学习时关掉手机通知，专注二十五分钟再休息五分钟。",
      "保证充足的睡眠，大脑会在睡眠中巩固白天学到的知识。",
    ],
  ],
  [
    "二十四节气与农业生产",
    [
      "二十四节气是古人根据太阳在黄道上的位置划分的时间体系。",
      "它准确反映了一年中气温、降水和物候的变化，长期指导着农业生产。",
      "“清明前后，种瓜点豆”等农谚至今仍在农村流传。",
      "2016年，二十四节气被列入联合国教科文组织人类非物质文化遗产代表作名录。",
      "如今，节气也融入了人们的饮食和生活习俗，比如立春吃春饼、冬至吃饺子。",
    ],
  ],
  [
    "如何挑选一台笔记本电脑",
    [
      "挑选笔记本电脑之前，先想清楚自己的主要用途。",
      "如果只是办公和上网，轻薄本就足够了，重点关注续航和重量。",
      "经常剪辑视频或玩大型游戏的用户，则需要性能更强的处理器和独立显卡。",
      "内存建议至少16GB，硬盘优先选择固态硬盘。",
      "屏幕方面，注意分辨率、亮度和色域，长时间使用时护眼也很重要。",
      "购买前最好到实体店上手试一试键盘和触控板的手感。",
    ],
  ],
  [
    "垃圾分类指南",
    [
      "目前很多城市把生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。",
      "废纸、塑料瓶、玻璃和金属属于可回收物，投放前最好清洗干净。",
      "废电池、过期药品和废灯管属于有害垃圾，需要单独投放。",
      "剩菜剩饭、果皮和菜叶属于厨余垃圾，要沥干水分后再投放。",
      "用过的纸巾、尘土和一次性餐具一般属于其他垃圾。",
    ],
  ],
  [
    "孩子近视怎么预防",
    [
      "近年来，儿童青少年近视率居高不下，而且呈现低龄化趋势。",
      "研究表明，每天户外活动两小时左右，可以有效降低近视的发生率。",
      "读书写字时要保持正确姿势，做到“一尺、一拳、一寸”。",
      "连续用眼四十分钟左右，应休息十分钟，向远处眺望。",
      "控制电子产品的使用时间，学龄前儿童尽量不使用手机和平板。",
      "建议每半年带孩子做一次视力检查，建立屈光发育档案。",
    ],
  ],
];

/** Leftover LLM intros and outros on web pages (`{t}` is the page title). */
const WEB_PLANTS = {
  en: [
    [
      "openai",
      "self-claim",
      "start",
      "Sure! I'm ChatGPT, a large language model trained by OpenAI. Here's an SEO-friendly blog post titled \"{t}\":",
    ],
    [
      "openai",
      "creator-claim",
      "start",
      "As an AI developed by OpenAI, I'm happy to help. Here is an article on {t}.",
    ],
    [
      "anthropic",
      "self-claim",
      "start",
      "Hello! I am Claude, an AI assistant created by Anthropic. Below is a short article about {t}.",
    ],
    [
      "google",
      "self-claim",
      "end",
      "I'm Gemini, a large language model built by Google, and I hope you found this guide useful!",
    ],
    [
      "meta",
      "self-claim",
      "start",
      "Certainly! As Llama, a model developed by Meta, I've put together the following overview: {t}.",
    ],
    [
      "xai",
      "self-claim",
      "transcript",
      "User: what are you exactly? Assistant: I am Grok, an AI built by xAI. User: ok, write something about {t}. Assistant:",
    ],
    [
      "microsoft",
      "self-claim",
      "end",
      "I'm Copilot, an AI companion from Microsoft. Let me know if you want a shorter version of this article.",
    ],
  ],
  zh: [
    [
      "deepseek",
      "self-claim",
      "start",
      "您好，我是由深度求索（DeepSeek）开发的智能助手DeepSeek-R1。以下是关于“{t}”的详细介绍：",
    ],
    ["alibaba", "self-claim", "start", "好的，我是通义千问，下面为您撰写一篇关于“{t}”的文章。"],
    ["baidu", "self-claim", "start", "作为文心一言，我为您整理了以下内容：{t}。"],
    [
      "bytedance",
      "self-claim",
      "end",
      "以上内容由AI生成。我是豆包，字节跳动开发的AI助手，如需修改请告诉我。",
    ],
    ["moonshot", "self-claim", "start", "我是Kimi，很高兴为你整理“{t}”的相关资料。"],
    ["tencent", "self-claim", "start", "我是腾讯混元助手，以下是为你生成的“{t}”一文。"],
    ["iflytek", "self-claim", "end", "我是讯飞星火认知大模型，希望这篇文章对您有所帮助。"],
    ["zhipu", "self-claim", "start", "我是智谱清言，下面是一篇关于“{t}”的科普文章。"],
    [
      "openai",
      "self-claim",
      "transcript",
      "用户：你是谁？ 助手：我是ChatGPT，由OpenAI开发的人工智能。 用户：写一篇“{t}”。 助手：",
    ],
  ],
};

/** Web documents that mention rival names without any self-claim: must not be flagged. */
const WEB_HARD = {
  en: [
    "DeepSeek-V3 was released in late December 2024 as an open-weight mixture-of-experts model. The company says training took about 2.8 million GPU hours, a figure that surprised many analysts and briefly moved chip stocks.",
    "Monet's Garden at Giverny: A Day Trip from Paris. Claude Monet lived in Giverny from 1883 until his death in 1926. The water garden with its Japanese bridge inspired his famous Water Lilies, and the house and gardens are open to visitors from April to October.",
    "Gemini Season Is Here! I'm a Gemini, so I'll admit I'm biased, but late May is the best time of year. Geminis are said to be curious, chatty and a little restless, which sounds about right for my friends born this month.",
    "Llama Trekking in the Lake District. Walking with llamas is a surprisingly calming way to spend a morning. The animals carry the picnic, and our guide explained that llamas hum to each other when they're curious or anxious.",
    "Kimi Räikkönen, the 2007 Formula One world champion, retired from the sport at the end of the 2021 season after a record 349 Grand Prix starts.",
    "The mistral blew for three days straight during our stay in Avignon. Locals shrugged: the cold northern wind is part of life in the Rhône valley and keeps the skies clear and blue.",
    "Hi, my name is Claude and I've been baking sourdough in my tiny Brooklyn kitchen for twelve years. Today I'm sharing the rye loaf my grandmother taught me.",
    "Tuning Apache Spark jobs: start by checking the number of shuffle partitions, then look for skewed keys in the Spark UI before you add more executors.",
    "We tested ChatGPT, Claude, Gemini and Qwen on the same twenty travel-planning prompts. Claude gave the most detailed itineraries, while Gemini was best at suggesting opening hours.",
    "In Heinlein's novel, to grok means to understand something so thoroughly that you become part of it. Programmers adopted the word in the 1970s.",
    "The captain handed control to the copilot shortly after take-off, a routine practice on long-haul flights.",
    'Press release: Acme Bank launches Penny, a virtual assistant powered by a large language model. "I\'m Penny, and I can help you check your balance," the assistant says in the demo video.',
  ],
  zh: [
    "豆包的做法：面粉加酵母和温水揉成光滑面团，发酵至两倍大，包入红豆沙，二次醒发后上锅蒸十二分钟即可。豆包松软香甜，是北方常见的早餐面点。",
    "“星星之火，可以燎原。”这句话出自毛泽东1930年的一封信，比喻新生力量虽小，却有远大的发展前途。",
    "春节期间，人们常把饺子包成元宝的形状，寓意新的一年招财进宝；不少地方还有在饺子里包硬币的习俗。",
    "道教认为“混元”是天地未分时的混沌状态，太上老君又被尊称为“混元老祖”。",
    "盘古开天辟地的神话最早见于三国时期徐整的《三五历纪》，讲述了盘古在混沌中醒来、劈开天地的故事。",
    "深度求索于2025年1月发布DeepSeek-R1模型，该模型在数学和代码推理任务上表现突出，并以开源方式发布。",
    "我们对通义千问、文心一言和Kimi进行了横向测评：通义千问在代码任务上得分最高，Kimi在长文档总结方面表现更好。",
    "大家好，我是豆包妈妈，今天给大家分享宝宝八个月的辅食食谱：南瓜小米粥和西兰花鸡肉泥。",
    "作为一个用了两年通义千问的老用户，我觉得它在写周报方面确实省了不少时间。",
    "我家的猫叫元宝，是一只胖胖的英短，最喜欢趴在窗台上晒太阳。",
  ],
};

// ---------------------------------------------------------------------------------------------
// Instruction data (instruct/alpaca.jsonl.zst)
// ---------------------------------------------------------------------------------------------

const INSTR = {
  en: [
    [
      "Summarize the following paragraph in one sentence.",
      "Honeybees communicate the location of food through the 'waggle dance'. The angle of the dance relative to vertical indicates the direction of the flowers relative to the sun, and the duration of the waggle indicates the distance.",
      "Honeybees use the angle and length of a 'waggle dance' to tell other bees the direction and distance of food.",
    ],
    [
      "Translate the following sentence into Spanish.",
      "The museum opens at nine in the morning.",
      "El museo abre a las nueve de la mañana.",
    ],
    [
      "Classify the sentiment of this review as positive, negative or neutral.",
      "The battery lasts all day, but the screen scratches far too easily.",
      "Neutral: it praises the battery but criticizes the screen.",
    ],
    [
      "Correct the grammar in this sentence.",
      "Me and him goes to the gym every mornings.",
      "He and I go to the gym every morning.",
    ],
    ["Convert this temperature from Fahrenheit to Celsius.", "98.6 °F", "98.6 °F is 37 °C."],
    [
      "Write a SQL query that returns the ten most recent orders.",
      "Table: orders(id, customer_id, created_at, total)",
      "SELECT id, customer_id, created_at, total\nFROM orders\nORDER BY created_at DESC\nLIMIT 10;",
    ],
    [
      "Extract all dates from the text.",
      "The contract was signed on 3 March 2021 and renewed on 15 April 2023.",
      "The text mentions two dates: 3 March 2021 (signing) and 15 April 2023 (renewal).",
    ],
    ["Give three synonyms for the word.", "happy", "joyful, cheerful, content"],
    [
      "Rewrite this sentence in the passive voice.",
      "The committee approved the new budget.",
      "The new budget was approved by the committee.",
    ],
    [
      "Write a Python function that checks whether a string is a palindrome.",
      "",
      'def is_palindrome(s: str) -> bool:\n    cleaned = "".join(c.lower() for c in s if c.isalnum())\n    return cleaned == cleaned[::-1]',
    ],
    [
      "Generate a catchy title for a blog post on this topic.",
      "saving money on groceries",
      "Spend Less, Eat Better: 10 Grocery Hacks That Actually Work",
    ],
    [
      "Explain the idiom in simple terms.",
      "to bite off more than you can chew",
      "It means taking on a task that is too big or too difficult for you to handle.",
    ],
    [
      "Sort these numbers in ascending order.",
      "42, 7, 19, 3, 88, 23",
      "In ascending order the numbers are 3, 7, 19, 23, 42 and 88.",
    ],
    [
      "Name the capital of each country.",
      "Canada, Australia, Kenya",
      "The capital of Canada is Ottawa, the capital of Australia is Canberra, and the capital of Kenya is Nairobi.",
    ],
    [
      "Write a haiku about the season.",
      "winter",
      "Bare branches at dusk,\nthe kettle's thin whistle\nfills the quiet house",
    ],
    [
      "Calculate the area of a rectangle with the given dimensions.",
      "length 12 m, width 4.5 m",
      "The area is 12 × 4.5 = 54 square meters.",
    ],
    [
      "Turn these notes into a polite email to a client.",
      "meeting moved to Thursday 3pm, same room, bring Q3 numbers",
      "Dear Ms. Patel,\n\nI hope you're well. Our meeting has moved to Thursday at 3 p.m., in the same room as before. Could you please bring the Q3 figures?\n\nBest regards,\nDaniel",
    ],
    [
      "Categorize each item as a fruit or a vegetable.",
      "carrot, mango, spinach, kiwi",
      "Fruit: mango, kiwi. Vegetable: carrot, spinach.",
    ],
    [
      "Find the error in the code and fix it.",
      "for i in range(10)\n    print(i)",
      "The `for` line is missing a colon:\n\nfor i in range(10):\n    print(i)",
    ],
    ["Suggest a name for a small bakery.", "", "The Rolling Pin"],
    [
      "Write a one-line product description.",
      "stainless steel water bottle, keeps drinks cold for 24 hours",
      "A sleek stainless steel bottle that keeps your drinks ice-cold for a full 24 hours.",
    ],
  ],
  zh: [
    [
      "把下面这句话翻译成英文。",
      "今天天气很好，我们去公园散步吧。",
      "The weather is lovely today, let's go for a walk in the park.",
    ],
    [
      "总结下面这段话的主要内容。",
      "近年来，越来越多的城市开始建设“口袋公园”，利用街角、边角地等零散空间，为居民提供休憩和健身的场所。这类公园面积不大，但分布广、距离近，受到市民的普遍欢迎。",
      "城市利用零散空间建设的小型“口袋公园”离居民近、便于休闲健身，因而广受欢迎。",
    ],
    [
      "判断下面这条评论的情感倾向。",
      "快递很快，包装也很好，就是颜色和图片有点差别。",
      "整体偏正面，但对颜色有轻微不满。",
    ],
    [
      "改正下面句子中的错别字。",
      "他在会议上发言很积级，提出了很多有建设性的意见。",
      "他在会议上发言很积极，提出了很多有建设性的意见。",
    ],
    [
      "为下面的文章起一个标题。",
      "本文介绍了如何利用周末时间学习一门新技能，包括制定计划、寻找资源和保持动力等方法。",
      "《周末充电指南：如何高效学会一门新技能》",
    ],
    ["用一句话解释下面的成语。", "画蛇添足", "比喻做了多余的事，反而把事情弄糟。"],
    [
      "写一个Python函数，计算列表中所有偶数的和。",
      "",
      "def sum_even(nums):\n    return sum(n for n in nums if n % 2 == 0)",
    ],
    ["把下列词语按照拼音首字母排序。", "苹果、香蕉、橙子、葡萄", "橙子、苹果、葡萄、香蕉"],
    [
      "提取下面文本中的人名和地名。",
      "李华上周从杭州出发，到西安拜访了大学同学王磊。",
      "人名：李华、王磊；地名：杭州、西安",
    ],
    [
      "将下面的口语改写成正式的书面语。",
      "这事儿咱得赶紧办，不然老板又得说了。",
      "此事需尽快处理，以免引起领导不满。",
    ],
    [
      "计算下面算式的结果。",
      "(15 + 27) × 3 − 18",
      "先算括号：15 + 27 = 42；再算乘法：42 × 3 = 126；最后减去18，结果是108。",
    ],
    [
      "写一段50字左右的产品介绍。",
      "保温杯，316不锈钢，保温12小时",
      "这款保温杯采用316不锈钢内胆，安全耐用，保温效果长达12小时，无论通勤还是出游，都能让你随时喝上一口热水。",
    ],
    ["给下面的句子加上合适的标点。", "你今天去图书馆吗我想借一本小说", "你今天去图书馆吗？我想借一本小说。"],
  ],
};

/** Instruction records that name rivals without a self-claim in the output. */
const INSTR_HARD = {
  en: [
    [
      "Extract the names of AI models mentioned in the text.",
      "In our benchmark, GPT-4o, Claude 3.5 Sonnet and Qwen2.5-72B were compared on 500 math problems.",
      "The models mentioned are GPT-4o, Claude 3.5 Sonnet and Qwen2.5-72B.",
    ],
    ["Translate into French.", "The cat is sleeping on the sofa.", "Le chat dort sur le canapé."],
    [
      "Classify the sentiment of this tweet.",
      "Switched from ChatGPT to Claude for my thesis edits and honestly loving it",
      "Positive",
    ],
    [
      "Write a one-sentence bio for the painter.",
      "Claude Monet",
      "Claude Monet (1840–1926) was a French painter and a founder of Impressionism, best known for his Water Lilies series.",
    ],
    [
      "What zodiac sign is someone born on June 5?",
      "",
      "Someone born on June 5 is a Gemini (May 21 – June 20).",
    ],
    [
      "Write a short product description.",
      "Llama-wool socks, hand-knitted in Peru",
      "Warm, soft and naturally odor-resistant, these hand-knitted llama-wool socks from Peru keep your feet cozy all winter.",
    ],
    [
      "Rewrite the config to use a cheaper model.",
      "model: gpt-4o\ntemperature: 0.2",
      "Here is the updated config, which switches to the smaller and cheaper model:\n\nmodel: gpt-4o-mini\ntemperature: 0.2",
    ],
    [
      "Write the opening line of a children's story about a llama.",
      "",
      '"I\'m Lola the llama," said the fluffy white llama, "and I\'m the best jumper in the whole valley!"',
    ],
  ],
  zh: [
    [
      "根据下面的新闻写一句摘要。",
      "深度求索公司发布了DeepSeek-V3模型，该模型采用混合专家架构，在多项评测中表现优异。",
      "深度求索发布采用混合专家架构的DeepSeek-V3模型，评测表现优异。",
    ],
    ["介绍一种传统面点。", "豆包", "豆包即豆沙包，是用发酵面团包裹红豆沙蒸制而成的传统面点，口感松软香甜。"],
    ["解释下面这句名言。", "星星之火，可以燎原", "比喻微小的新生事物具有强大的生命力，终将发展壮大。"],
    [
      "列出文本中提到的大模型。",
      "会上，通义千问、文心一言和Kimi的负责人分别分享了各自的产品进展。",
      "通义千问、文心一言、Kimi",
    ],
    ["用“元宝”造一个句子。", "", "奶奶把饺子捏成元宝的样子，说吃了来年能发财。"],
  ],
};

// ---------------------------------------------------------------------------------------------
// Conversations
// ---------------------------------------------------------------------------------------------

/**
 * Decks shared by all files, so each claim, persona or hard negative of a list is used once before
 * any repeats, across the whole corpus.
 */
const decks = new Map();
function draw(pool, key) {
  const items = pool[key];
  if (!decks.has(items)) decks.set(items, deck(items));
  return decks.get(items)();
}

function userText(pool, q) {
  let text = q;
  if (pool.uPre && chance(0.35)) text = pick(pool.uPre) + text;
  if (pool.uPost && chance(0.3)) text = text + pick(pool.uPost);
  return text;
}

/** An answer with, sometimes, an opener and a closing line in the pool's language. */
function dress(pool, answer, { open = 0.3, close = 0.25 } = {}) {
  let text = answer;
  const plain = /^[`"“«「(]/.test(answer) || answer.startsWith("def ") || answer.includes("\n");
  if (!plain && chance(open)) text = join2(pool.lang, pick(pool.open).trim(), text);
  if (chance(close)) {
    const closer = pick(pool.close).trim();
    if (closer !== "") text = text.includes("\n") ? `${text}\n\n${closer}` : join2(pool.lang, text, closer);
  }
  return text;
}

function fill(template, q) {
  return template.replace("{ql}", lowerFirst(q)).replace("{q}", q);
}

function plainTurns(pool, n) {
  return sample(pool.qa, n).map(([q, a]) => [userText(pool, q), dress(pool, a)]);
}

const turnCount = () =>
  weighted([
    [88, 1],
    [10, 2],
    [2, 3],
  ]);

/**
 * One conversation `{ system, turns: [[user, assistant], ...] }` of `type` in `pool`'s language,
 * and what was planted in it (undefined for plain records).
 */
function conversation(pool, type) {
  const lang = baseLang(pool.lang);
  let system;
  if (pool.sys && chance(0.18)) system = pick(pool.sys);
  let turns;
  let label;
  switch (type) {
    case "plain":
      turns = plainTurns(pool, turnCount());
      break;
    case "claim": {
      const [family, kind, claim] = draw(pool, "claims");
      if (chance(0.35)) {
        const answer = join2(pool.lang, claim, pool.offer);
        turns = [
          [pick(pool.who), answer],
          ...plainTurns(
            pool,
            weighted([
              [60, 0],
              [40, 1],
            ]),
          ),
        ];
        label = { label: "claim", family, kind, lang, where: "identity answer", text: claim };
      } else {
        turns = plainTurns(
          pool,
          weighted([
            [70, 1],
            [30, 2],
          ]),
        );
        const t = int(turns.length);
        const where = pick(["start", "middle", "end"]);
        turns[t][1] = insertClaim(pool.lang, turns[t][1], claim, where);
        label = {
          label: "claim",
          family,
          kind,
          lang,
          where: `assistant turn ${t + 1}, ${where}`,
          text: claim,
        };
      }
      break;
    }
    case "persona": {
      const [family, text] = draw(pool, "personas");
      system = text;
      turns = plainTurns(
        pool,
        weighted([
          [65, 1],
          [35, 2],
        ]),
      );
      label = { label: "claim", family, kind: "system-persona", lang, where: "system prompt", text };
      break;
    }
    case "long": {
      const [q, a] = pick(pool.long);
      turns = [[userText(pool, q), a]];
      break;
    }
    case "long-claim": {
      const [q, a] = pick(pool.long);
      const [family, kind, claim] = draw(pool, "claims");
      turns = [[userText(pool, q), insertNearEnd(a, claim)]];
      label = { label: "claim", family, kind, lang, where: "near the end of a long answer", text: claim };
      break;
    }
    case "mention": {
      const template = draw(pool, "mention");
      const [[q, a], ...rest] = sample(
        pool.qa,
        weighted([
          [75, 1],
          [25, 2],
        ]),
      );
      turns = [
        [fill(template, q), dress(pool, a)],
        ...rest.map(([q2, a2]) => [userText(pool, q2), dress(pool, a2)]),
      ];
      label = { label: "hard-negative", lang, where: "user turn", text: turns[0][0] };
      break;
    }
    case "hard": {
      const [q, a] = draw(pool, "hard");
      turns = [[q, a]];
      if (chance(0.3)) turns.unshift(...plainTurns(pool, 1));
      label = { label: "hard-negative", lang, where: "assistant turn", text: a };
      break;
    }
    case "custom": {
      const intro = draw(pool, "custom");
      turns = [
        [pick(pool.who), intro],
        ...plainTurns(
          pool,
          weighted([
            [50, 0],
            [50, 1],
          ]),
        ),
      ];
      label = { label: "hard-negative", lang, where: "custom assistant name", text: intro };
      break;
    }
    case "intro":
      turns = [
        [pick(pool.who), pick(pool.intro)],
        ...plainTurns(
          pool,
          weighted([
            [50, 0],
            [50, 1],
          ]),
        ),
      ];
      break;
    case "disclaimer": {
      const text = pick(pool.disclaim);
      turns = plainTurns(pool, 1);
      turns[0][1] = join2(pool.lang, text, turns[0][1]);
      label = { label: "disclaimer", lang, where: "assistant turn 1, start", text };
      break;
    }
    case "placeholder": {
      const text = draw(pool, "placeholder");
      turns = [[pick(pool.who), text]];
      label = { label: "placeholder", lang, where: "identity answer", text };
      break;
    }
    default:
      throw new Error(`unknown record type ${type}`);
  }
  return { system, turns, label };
}

function toMessages({ system, turns }) {
  const messages = system === undefined ? [] : [{ role: "system", content: system }];
  for (const [user, assistant] of turns) {
    messages.push({ role: "user", content: user }, { role: "assistant", content: assistant });
  }
  return messages;
}

function toShareGpt({ system, turns }) {
  const out = system === undefined ? [] : [{ from: "system", value: system }];
  for (const [user, assistant] of turns)
    out.push({ from: "human", value: user }, { from: "gpt", value: assistant });
  return out;
}

/**
 * Record slots for a file: `{ lang: { n, type: count, ... } }` gives `n` records of that language
 * pool, `count` of each special type and the rest plain, all shuffled together.
 */
function slots(spec) {
  const out = [];
  for (const [lang, counts] of Object.entries(spec)) {
    let special = 0;
    for (const [type, k] of Object.entries(counts)) {
      if (type === "n") continue;
      for (let i = 0; i < k; i++) out.push({ lang, type });
      special += k;
    }
    if (special > counts.n) throw new Error(`${lang}: ${special} special records > ${counts.n}`);
    for (let i = special; i < counts.n; i++) out.push({ lang, type: "plain" });
  }
  return shuffle(out);
}

const pad = (n, width = 6) => String(n).padStart(width, "0");

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

const MODELS = [
  "gpt-4o-2024-08-06",
  "gpt-4o",
  "gpt-4-turbo",
  "claude-3-5-sonnet-20241022",
  "qwen2.5-72b-instruct",
  "deepseek-chat",
  "llama-3.1-70b-instruct",
];
const GENERATORS = ["gpt-4o-mini", "claude-3-haiku-20240307", "gemini-1.5-pro", "glm-4-plus", "human"];

/** chat/sft-mixed.jsonl: OpenAI `messages`, mostly English and Chinese, three upstream styles. */
function sftMixed() {
  const spec = {
    en: {
      n: 180,
      claim: 6,
      persona: 5,
      long: 2,
      "long-claim": 2,
      mention: 5,
      hard: 9,
      custom: 3,
      intro: 2,
      disclaimer: 5,
      placeholder: 2,
    },
    zh: {
      n: 98,
      claim: 5,
      persona: 2,
      long: 1,
      "long-claim": 1,
      mention: 3,
      hard: 4,
      custom: 2,
      intro: 2,
      disclaimer: 3,
      placeholder: 2,
    },
    "zh-Hant": { n: 14, claim: 2, mention: 1, hard: 1 },
    es: { n: 5, claim: 1 },
    fr: { n: 4, hard: 1 },
    de: { n: 3, claim: 1 },
    ja: { n: 4, hard: 1 },
    ru: { n: 3 },
    ko: { n: 4, claim: 1 },
    pt: { n: 3 },
  };
  const records = [];
  const labels = [];
  for (const [i, slot] of slots(spec).entries()) {
    const conv = conversation(BY_LANG[slot.lang], slot.type);
    const messages = toMessages(conv);
    if (chance(0.04)) {
      const user = messages.find((m) => m.role === "user");
      user.content = [
        { type: "image_url", image_url: { url: `https://files.example.com/uploads/${pad(int(1e6))}.png` } },
        { type: "text", text: user.content },
      ];
    } else if (chance(0.03)) {
      const reply = messages.findLast((m) => m.role === "assistant");
      reply.content = [{ type: "text", text: reply.content }];
    }
    const style = weighted([
      [50, "bare"],
      [30, "ids"],
      [20, "meta"],
    ]);
    if (style === "bare") records.push({ messages });
    else if (style === "ids") {
      records.push({
        id: `sft-${pad(i)}`,
        source: pick(["distill-v2", "community-chat", "support-logs-2024q2"]),
        model: pick(MODELS),
        messages,
      });
    } else {
      records.push({
        messages,
        meta: { lang: slot.lang, turns: conv.turns.length, generator: pick(GENERATORS) },
      });
    }
    if (conv.label) labels.push({ record: i, ...conv.label });
  }
  return { records, labels };
}

/** chat/sharegpt-zh.json: a JSON array of ShareGPT `conversations`, simplified and traditional. */
function shareGptZh() {
  const spec = {
    zh: {
      n: 92,
      claim: 4,
      persona: 4,
      long: 1,
      "long-claim": 1,
      mention: 3,
      hard: 4,
      custom: 1,
      intro: 2,
      disclaimer: 2,
      placeholder: 1,
    },
    "zh-Hant": {
      n: 50,
      claim: 4,
      persona: 1,
      mention: 1,
      hard: 2,
      custom: 1,
      intro: 1,
      disclaimer: 1,
      placeholder: 1,
    },
  };
  const records = [];
  const labels = [];
  for (const [i, slot] of slots(spec).entries()) {
    const conv = conversation(BY_LANG[slot.lang], slot.type);
    const record = { id: `sg_${pad(i + 1, 5)}`, conversations: toShareGpt(conv) };
    if (chance(0.3)) record.category = pick(["生活", "编程", "学习", "健康", "旅行", "写作"]);
    records.push(record);
    if (conv.label) labels.push({ record: i, ...conv.label });
  }
  return { records, labels };
}

/** chat/multilingual.jsonl.gz: about 20 `messages` records in each of 18 languages. */
function multilingual() {
  const twice = new Set(["ko", "ru"]);
  const spec = {};
  for (const [k, pool] of OTHER.entries()) {
    spec[pool.lang] = {
      n: 20,
      claim: twice.has(pool.lang) ? 2 : 1,
      persona: pool.personas.length > 0 ? 1 : 0,
      mention: k === 0 ? 1 : 0,
      hard: pool.hard.length,
      intro: 1,
      disclaimer: k % 2,
    };
  }
  const records = [];
  const labels = [];
  const seen = {};
  for (const [i, slot] of slots(spec).entries()) {
    const conv = conversation(BY_LANG[slot.lang], slot.type);
    seen[slot.lang] = (seen[slot.lang] ?? 0) + 1;
    const messages = toMessages(conv);
    records.push(
      chance(0.7)
        ? { id: `ml-${slot.lang}-${pad(seen[slot.lang], 4)}`, lang: slot.lang, messages }
        : { messages },
    );
    if (conv.label) labels.push({ record: i, ...conv.label });
  }
  return { records, labels };
}

/** instruct/alpaca.jsonl.zst: Alpaca instruction/input/output. */
function alpaca() {
  const spec = {
    en: { n: 140, task: 55, claim: 9, placeholder: 3, ihard: 8, hard: 2, mention: 1, disclaimer: 2 },
    zh: { n: 100, task: 35, claim: 10, placeholder: 2, ihard: 5, hard: 2, mention: 1, disclaimer: 2 },
    ja: { n: 1 },
    ko: { n: 1, claim: 1 },
    ru: { n: 1 },
    es: { n: 1 },
    fr: { n: 1 },
    de: { n: 1 },
    pt: { n: 1 },
    vi: { n: 1 },
    id: { n: 1 },
    tr: { n: 1 },
  };
  const records = [];
  const labels = [];
  for (const [i, slot] of slots(spec).entries()) {
    const pool = BY_LANG[slot.lang];
    const lang = baseLang(slot.lang);
    let record;
    let label;
    const qa = () => {
      const [q, a] = pick(pool.qa);
      return { instruction: q, input: "", output: dress(pool, a, { open: 0.1, close: 0.1 }) };
    };
    switch (slot.type) {
      case "task": {
        const [instruction, input, output] = draw(INSTR, lang);
        record = { instruction, input, output };
        break;
      }
      case "ihard": {
        const [instruction, input, output] = draw(INSTR_HARD, lang);
        record = { instruction, input, output };
        label = { label: "hard-negative", lang, where: "output", text: output };
        break;
      }
      case "hard": {
        const [instruction, output] = draw(pool, "hard");
        record = { instruction, input: "", output };
        label = { label: "hard-negative", lang, where: "output", text: output };
        break;
      }
      case "mention": {
        const [q, a] = pick(pool.qa);
        record = { instruction: fill(draw(pool, "mention"), q), input: "", output: a };
        label = { label: "hard-negative", lang, where: "instruction", text: record.instruction };
        break;
      }
      case "claim": {
        const [family, kind, claim] = draw(pool, "claims");
        if (chance(0.6)) {
          record = { instruction: pick(pool.who), input: "", output: join2(pool.lang, claim, pool.offer) };
          label = { label: "claim", family, kind, lang, where: "identity output", text: claim };
        } else {
          record = qa();
          const where = pick(["start", "middle", "end"]);
          record.output = insertClaim(pool.lang, record.output, claim, where);
          label = { label: "claim", family, kind, lang, where: `output, ${where}`, text: claim };
        }
        break;
      }
      case "placeholder": {
        const text = draw(pool, "placeholder");
        record = { instruction: pick(pool.who), input: "", output: text };
        label = { label: "placeholder", lang, where: "identity output", text };
        break;
      }
      case "disclaimer": {
        record = qa();
        const text = pick(pool.disclaim);
        record.output = join2(pool.lang, text, record.output);
        label = { label: "disclaimer", lang, where: "output, start", text };
        break;
      }
      default:
        record = qa();
    }
    records.push(record);
    if (label) labels.push({ record: i, ...label });
  }
  return { records, labels };
}

/** preference/dpo.jsonl: prompt with chosen/rejected strings. */
function dpo() {
  const spec = {
    en: { n: 54, "claim-chosen": 2, "claim-rejected": 2, mention: 2, hard: 4, disclaimer: 1 },
    zh: { n: 36, "claim-chosen": 1, "claim-rejected": 1, mention: 2, hard: 2, disclaimer: 1 },
  };
  const records = [];
  const labels = [];
  for (const [i, slot] of slots(spec).entries()) {
    const pool = BY_LANG[slot.lang];
    const lang = slot.lang;
    const [q, a] = pick(pool.qa);
    const worse = () => (chance(0.6) ? pick(pool.lowEffort) : a.split(/(?<=[.。！!？?])\s*/u)[0]);
    let prompt = q;
    let chosen = dress(pool, a);
    let rejected = worse();
    let label;
    switch (slot.type) {
      case "claim-chosen": {
        const [family, kind, claim] = draw(pool, "claims");
        const where = pick(["start", "end"]);
        chosen = insertClaim(lang, chosen, claim, where);
        label = { label: "claim", family, kind, lang, where: `chosen, ${where}`, text: claim };
        break;
      }
      case "claim-rejected": {
        const [family, kind, claim] = draw(pool, "claims");
        prompt = pick(pool.who);
        chosen = draw(pool, "custom");
        rejected = join2(lang, claim, pool.offer);
        label = {
          label: "claim",
          family,
          kind,
          lang,
          where: "rejected (identity pair; chosen is a custom name)",
          text: claim,
        };
        break;
      }
      case "mention":
        prompt = fill(draw(pool, "mention"), q);
        label = { label: "hard-negative", lang, where: "prompt", text: prompt };
        break;
      case "hard": {
        const [hq, ha] = draw(pool, "hard");
        prompt = hq;
        chosen = ha;
        label = { label: "hard-negative", lang, where: "chosen", text: ha };
        break;
      }
      case "disclaimer": {
        const text = pick(pool.disclaim);
        rejected = join2(lang, text, worse());
        label = { label: "disclaimer", lang, where: "rejected, start", text };
        break;
      }
    }
    if (rejected === chosen) rejected = pick(pool.lowEffort);
    records.push(
      chance(0.5) ? { id: `pref-${pad(i, 5)}`, prompt, chosen, rejected } : { prompt, chosen, rejected },
    );
    if (label) labels.push({ record: i, ...label });
  }
  return { records, labels };
}

const WEB_TAILS = {
  en: [
    "",
    "",
    "",
    "Share this article.",
    "Read more: 10 tips for beginners.",
    "© 2023 Example Media. All rights reserved.",
    "Posted in Lifestyle · 4 min read",
  ],
  zh: [
    "",
    "",
    "",
    "（本文来源于网络，如有侵权请联系删除）",
    "责任编辑：王芳",
    "点击关注，获取更多生活小知识。",
    "阅读 1.2万 · 点赞 356",
  ],
};

/** A web page of `lang` ("en" or "zh"): its title and text, a few sentences of one topic. */
function webPage(lang, most = 4) {
  const [title, sentences] = pick(lang === "en" ? WEB_EN : WEB_ZH);
  const k = 2 + int(most - 1);
  const start = int(sentences.length - k + 1);
  const body = sentences.slice(start, start + k).join(lang === "en" ? " " : "");
  const tail = pick(WEB_TAILS[lang]);
  const head =
    lang === "en"
      ? title + pick([". ", " - ", ": ", " | "])
      : pick([`${title}｜`, `${title} `, `【${title}】`]);
  return { title, head, body, tail };
}

function faqPage(pool, most = 2) {
  const pairs = sample(pool.qa, 1 + int(most));
  return pairs.map(([q, a]) => join2(pool.lang, q, a)).join(" ");
}

/** One web document and what was planted in it. */
function webDoc(lang, type, sep = " ", most = 4) {
  if (type === "hard") {
    const text = draw(WEB_HARD, lang);
    return { text, label: { label: "hard-negative", lang, where: "text", text } };
  }
  if (type === "faq") return { text: faqPage(BY_LANG[lang], most === 4 ? 2 : 1) };
  const { title, head, body, tail } = webPage(lang, most);
  const sp = lang === "en" ? " " : "";
  const page = [head + body, tail].filter((s) => s !== "").join(sp);
  if (type !== "plant") return { text: page };
  const [family, kind, where, template] = draw(WEB_PLANTS, lang);
  const claim = template.replace("{t}", title);
  let text;
  if (where === "end") text = `${page}${sep}${claim}`;
  else if (where === "transcript") text = `${claim} ${body}`;
  else text = `${claim}${sep}${page}`;
  return { text, label: { label: "claim", family, kind, lang, where: `text, ${where}`, text: claim } };
}

/** pretrain/web.txt: one document per line. */
function webTxt() {
  const spec = {
    en: { n: 90, plant: 6, hard: 10 },
    zh: { n: 72, plant: 6, hard: 7 },
    es: { n: 2, faq: 2 },
    fr: { n: 2, faq: 2 },
    de: { n: 2, faq: 2 },
    ru: { n: 2, faq: 2 },
    ja: { n: 2, faq: 2 },
    pt: { n: 2, faq: 2 },
    it: { n: 2, faq: 2 },
    ko: { n: 2, faq: 2 },
    vi: { n: 2, faq: 2 },
  };
  const records = [];
  const labels = [];
  for (const [i, slot] of slots(spec).entries()) {
    const { text, label } = webDoc(slot.lang, slot.type);
    records.push(text);
    if (label) labels.push({ record: i, ...label });
  }
  return { records, labels };
}

const DOMAINS = {
  en: ["blog.example.com", "www.example.org", "howto.example.net"],
  zh: ["www.example.cn", "news.example.com.cn", "life.example.cn"],
  other: ["www.example.jp", "example.ru", "www.example.kr", "example.com.br", "www.example.de"],
};

/** pretrain/docs-ascii.jsonl: `{"text", "meta"}` written like Python's `json.dumps` (ensure_ascii). */
function docsAscii() {
  const spec = {
    zh: { n: 32, plant: 3, hard: 3 },
    en: { n: 20, plant: 1, hard: 2 },
    ja: { n: 6, faq: 5, transcript: 1 },
    ru: { n: 6, faq: 5, transcript: 1 },
    ko: { n: 4, faq: 3, transcript: 1 },
    ar: { n: 4, faq: 3, hardfaq: 1 },
    hi: { n: 3, faq: 3 },
    th: { n: 3, faq: 3 },
    uk: { n: 3, faq: 3 },
    fa: { n: 3, faq: 3 },
    es: { n: 2, faq: 2 },
    de: { n: 2, faq: 2 },
    fr: { n: 1, faq: 1 },
    vi: { n: 1, faq: 1 },
  };
  const records = [];
  const labels = [];
  for (const [i, slot] of slots(spec).entries()) {
    const pool = BY_LANG[slot.lang];
    let text;
    let label;
    if (slot.type === "transcript") {
      const [family, kind, claim] = draw(pool, "claims");
      text = `Q: ${pick(pool.who)}\nA: ${join2(pool.lang, claim, pool.offer)}\n\nQ: ${pool.qa[0][0]}\nA: ${pool.qa[0][1]}`;
      label = { label: "claim", family, kind, lang: slot.lang, where: "chat log in text", text: claim };
    } else if (slot.type === "hardfaq") {
      const [q, a] = draw(pool, "hard");
      text = join2(pool.lang, q, a);
      label = { label: "hard-negative", lang: slot.lang, where: "text", text: a };
    } else {
      ({ text, label } = webDoc(slot.lang, slot.type, "\n\n", 2));
    }
    const domains = DOMAINS[slot.lang] ?? DOMAINS.other;
    const meta = {
      url: `https://${pick(domains)}/${2019 + int(6)}/${pad(1 + int(12), 2)}/${pad(int(1e5), 5)}.html`,
      lang: slot.lang,
      crawl: pick(["CC-MAIN-2023-50", "CC-MAIN-2024-10", "CC-MAIN-2024-33"]),
      quality: Math.round((0.55 + rand() * 0.44) * 1000) / 1000,
      length: text.length,
    };
    records.push({ text, meta });
    if (label) labels.push({ record: i, ...label });
  }
  return { records, labels };
}

/** broken/mixed.jsonl: mixed shapes, two malformed lines and a JSON number among them. */
function brokenMixed() {
  const lines = [];
  const labels = [];
  const en = (q, a) =>
    JSON.stringify({
      messages: [
        { role: "user", content: q },
        { role: "assistant", content: a },
      ],
    });
  const add = (line, label) => {
    if (label) labels.push({ record: lines.length, ...label });
    lines.push(line);
  };
  const qa = (pool, k) => pool.qa[k];
  add(en(...qa(EN, 0)));
  add(JSON.stringify({ text: webDoc("zh", "plain").text }));
  add(en(...qa(ZH, 3)));
  add(
    `{"messages": [{"role": "user", "content": "${qa(EN, 2)[0]}"}, {"role": "assistant", "content": "Treat it like cut flow`,
  );
  add(en("Who are you?", "I'm Claude, an AI assistant made by Anthropic. How can I help you today?"), {
    label: "claim",
    family: "anthropic",
    kind: "self-claim",
    lang: "en",
    where: "identity answer",
    text: "I'm Claude, an AI assistant made by Anthropic.",
  });
  add(JSON.stringify({ instruction: INSTR.en[3][0], input: INSTR.en[3][1], output: INSTR.en[3][2] }));
  add(en(...qa(EN, 9)));
  add("42");
  add(JSON.stringify({ prompt: qa(ZH, 17)[0], response: qa(ZH, 17)[1] }));
  add(en("你是谁？", "我是通义千问，由阿里云开发的AI助手。有什么可以帮你的吗？"), {
    label: "claim",
    family: "alibaba",
    kind: "self-claim",
    lang: "zh",
    where: "identity answer",
    text: "我是通义千问，由阿里云开发的AI助手。",
  });
  add(
    `{'messages': [{'role': 'user', 'content': 'hi'}, {'role': 'assistant', 'content': 'Hello! How can I help?'}]}`,
  );
  add(en(...qa(EN, 31)));
  add(JSON.stringify({ text: webDoc("en", "plain").text }));
  add(en("Are you ChatGPT?", EN.hard[8][1]), {
    label: "hard-negative",
    lang: "en",
    where: "assistant turn",
    text: EN.hard[8][1],
  });
  add(
    JSON.stringify({
      conversations: [
        { from: "human", value: qa(ZH, 20)[0] },
        { from: "gpt", value: qa(ZH, 20)[1] },
      ],
    }),
  );
  add(en(...qa(EN, 27)));
  add(
    JSON.stringify({
      messages: [
        { role: "system", content: "You are a helpful assistant." },
        { role: "user", content: qa(EN, 36)[0] },
        { role: "assistant", content: qa(EN, 36)[1] },
      ],
    }),
  );
  add(en(...qa(OTHER[3], 1)));
  add(JSON.stringify({ text: "Apache Spark 3.5 adds Spark Connect support for Python and Scala clients." }), {
    label: "hard-negative",
    lang: "en",
    where: "text",
    text: "Apache Spark 3.5 adds Spark Connect support for Python and Scala clients.",
  });
  add(en(...qa(ZH, 30)));
  return { lines, labels };
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

const jsonl = (records) => records.map((r) => JSON.stringify(r)).join("\n");

function gzip(text) {
  const out = gzipSync(Buffer.from(text), { level: 9 });
  out[9] = 3; // OS = Unix whatever the platform, so the bytes are the same everywhere
  return out;
}

function zstd(text) {
  const { compress } = createRequire(import.meta.url)("zstd-napi");
  return Buffer.from(compress(Buffer.from(text)));
}

const FILES = [
  {
    path: "chat/sft-mixed.jsonl",
    build: sftMixed,
    encode: ({ records }) => `${jsonl(records)}\n`,
    about:
      "OpenAI `messages` (some with system prompts, a few with content-part arrays and an image part); half bare, the rest with `id`/`source`/`model` or a `meta` object (metadata, never scanned). English and Chinese (simplified and traditional), a few records in seven other languages; short answers and a few 1–3 KB ones with the claim near the end.",
  },
  {
    path: "chat/sharegpt-zh.json",
    build: shareGptZh,
    encode: ({ records }) => `[\n${records.map((r) => JSON.stringify(r)).join(",\n")}\n]\n`,
    about:
      'One JSON array of ShareGPT records (`conversations` with `from: human|gpt|system`), about two thirds simplified and one third traditional Chinese. System prompts use `"from": "system"`.',
  },
  {
    path: "chat/multilingual.jsonl.gz",
    build: multilingual,
    encode: ({ records }) => gzip(`${jsonl(records)}\n`),
    about:
      "gzip JSONL of `messages`, 20 records in each of ja ko ru es fr de pt it ar vi id tr hi th pl uk nl fa; most carry `id` and `lang` metadata.",
  },
  {
    path: "instruct/alpaca.jsonl.zst",
    build: alpaca,
    encode: ({ records }) => zstd(`${jsonl(records)}\n`),
    about:
      "zstd JSONL of Alpaca `instruction`/`input`/`output` (instruction and input are the user side): English, Chinese and one record each in ten other languages, including self-cognition entries with unfilled `{{name}}`/`<NAME>` templates.",
  },
  {
    path: "preference/dpo.jsonl",
    build: dpo,
    encode: ({ records }) => `${jsonl(records)}\n`,
    about:
      "Preference pairs: `prompt` with `chosen`/`rejected` strings, English and Chinese. Some identity pairs reject a rival claim in favour of a custom name: the rival claim in `rejected` is still assistant text and is flagged.",
  },
  {
    path: "pretrain/web.txt",
    build: webTxt,
    encode: ({ records }) => `${records.join("\n")}\n`,
    about:
      "Plain text, one web document per line (English, Chinese and FAQ snippets in nine more languages); some pages start or end with an LLM's leftover self-introduction.",
  },
  {
    path: "pretrain/docs-ascii.jsonl",
    build: docsAscii,
    encode: ({ records }) => `${records.map(pythonJson).join("\n")}\n`,
    about:
      'JSONL `{"text": ..., "meta": {...}}` written like Python\'s `json.dumps` defaults: every non-ASCII character is a `\\uXXXX` escape. Chinese and English pages plus FAQ text in twelve more languages.',
  },
  {
    path: "broken/mixed.jsonl",
    build: brokenMixed,
    encode: ({ lines }) => `${lines.join("\n")}\n`,
    about:
      "Mixed shapes (`messages`, `text`, Alpaca, `prompt`/`response`, `conversations`) with three unreadable lines: line 4 is cut off mid-string, line 8 is the JSON number `42`, line 11 is a Python dict repr with single quotes.",
  },
];

function countBy(items, key) {
  const out = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function readme(results) {
  const rows = results.map(({ path, count, bytes, labels }) => {
    const by = countBy(labels, (l) => l.label);
    const langs = [...new Set(labels.map((l) => l.lang))].length;
    return `| \`${path}\` | ${count} | ${(bytes / 1024).toFixed(1)} KB | ${by.claim ?? 0} | ${by["hard-negative"] ?? 0} | ${by.disclaimer ?? 0} / ${by.placeholder ?? 0} | ${langs} |`;
  });
  const claims = results.flatMap((r) => r.labels.filter((l) => l.label === "claim"));
  const byFamily = Object.entries(countBy(claims, (l) => l.family)).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  const byKind = Object.entries(countBy(claims, (l) => l.kind)).sort((a, b) => b[1] - a[1]);
  const records = results.reduce((sum, r) => sum + r.count, 0);
  const hard = results.reduce(
    (sum, r) => sum + r.labels.filter((l) => l.label === "hard-negative").length,
    0,
  );
  const pct = (n) => `${((100 * n) / records).toFixed(1)}%`;
  const bytes = results.reduce((sum, r) => sum + r.bytes, 0);
  return `# examples/

A small demo corpus for \`selfid scan examples/\` (the README quick start). It is **generated**: edit
[\`scripts/make-examples.mjs\`](../scripts/make-examples.mjs) and rerun

\`\`\`bash
node scripts/make-examples.mjs                      # rewrites every file here, byte-identically
node scripts/make-examples.mjs --labels /tmp/l.jsonl  # also writes what was planted where
\`\`\`

All text is synthetic, written for this corpus. Filler records are ordinary helpful Q&A (cooking,
travel, code, maths, history, health, writing…) in 20 languages. ${pct(claims.length)} of records carry a planted
rival self-introduction: a self-claim ("I'm ChatGPT, a large language model trained by OpenAI",
"我是通义千问"), a creator-only claim ("I was trained by Google", "我是由深度求索公司开发的"), a basis
claim ("I'm based on the GPT-4 architecture") or a system persona ("You are ChatGPT…"), at the start,
middle or end of an answer. ${pct(hard)} are **hard negatives** that should not be flagged: rival
names on the user side ("Are you ChatGPT?", "我是通义千问的老用户"), news and comparisons, negations
("No, I'm not ChatGPT"), code and configs (\`model="gpt-4o"\`), name collisions (Claude Monet, the
Gemini sign, Apache Spark, llamas, the mistral wind, "le chat", Kimi Räikkönen, 豆包 buns, 星星之火,
元宝, 混元, 盘古) and custom assistant names ("I'm Juniper, the study helper"). A few records have
anonymous disclaimers ("As an AI language model…") or unfilled \`{{name}}\` templates, which selfid
reports without flagging.

## Files

| file | records | size | planted claims | hard negatives | disclaimers / placeholders | languages of planted records |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join("\n")}

Total: ${records} records in ${results.length} files (${(bytes / 1024).toFixed(0)} KB), ${claims.length} planted claims
(${pct(claims.length)}) and ${hard} hard negatives (${pct(hard)}). Three lines of \`broken/mixed.jsonl\` cannot
be read, so a scan reports exactly 3 errors.

${FILES.map((f) => `- \`${f.path}\`: ${f.about}`).join("\n")}

## Planted claims

By family: ${byFamily.map(([f, n]) => `${f} ${n}`).join(", ")}.

By kind: ${byKind.map(([k, n]) => `${k} ${n}`).join(", ")}.

Metadata fields (\`id\`, \`source\`, \`model: "gpt-4o"\`, \`generator\`, \`meta\`) name rival models on
purpose; selfid never scans them unless asked with \`--field\`.
`;
}

function main() {
  const args = process.argv.slice(2);
  const labelsAt = args.indexOf("--labels");
  const labelsFile = labelsAt >= 0 ? args[labelsAt + 1] : undefined;
  const results = [];
  const allLabels = [];
  for (const file of FILES) {
    reseed(file.path);
    const built = file.build();
    const data = file.encode(built);
    const target = join(OUT, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    const count = (built.records ?? built.lines).length;
    const bytes = statSync(target).size;
    results.push({ path: file.path, count, bytes, labels: built.labels });
    for (const label of built.labels) allLabels.push({ file: `examples/${file.path}`, ...label });
  }
  const readmePath = join(OUT, "README.md");
  writeFileSync(readmePath, readme(results));
  if (labelsFile) writeFileSync(labelsFile, `${allLabels.map((l) => JSON.stringify(l)).join("\n")}\n`);
  for (const r of results) {
    const by = countBy(r.labels, (l) => l.label);
    console.log(
      `${relative(ROOT, join(OUT, r.path)).padEnd(38)} ${String(r.count).padStart(4)} records ${String(r.bytes).padStart(7)} bytes  ` +
        Object.entries(by)
          .map(([k, n]) => `${k} ${n}`)
          .join(", "),
    );
  }
}

main();
