import { describe, expect, it } from "vitest";
import { detectLanguage, documentText } from "../../src/langid/detect-language.js";
import type { Segment } from "../../src/types.js";

/** One plain sentence per language the report must count (DESIGN §1), each at least 60 characters. */
const SENTENCES: ReadonlyArray<readonly [string, string]> = [
  ["en", "The weather in the mountains was cold, so we stayed inside and read books all afternoon."],
  [
    "zh",
    "今天天气很好，我们一起去公园散步，然后在湖边的咖啡馆喝了一杯茶。下午我们回到家里，一边听音乐一边准备晚饭，大家都觉得这是很愉快的一天。",
  ],
  [
    "zh",
    "今天天氣很好，我們一起去公園散步，然後在湖邊的咖啡館喝了一杯茶。下午我們回到家裡，一邊聽音樂一邊準備晚飯，大家都覺得這是很愉快的一天。",
  ],
  [
    "ja",
    "今日はとても良い天気だったので、友達と一緒に公園を散歩して、湖のそばのカフェでお茶を飲みました。夕方には家に帰って晩ご飯を作りました。",
  ],
  [
    "ko",
    "오늘은 날씨가 아주 좋아서 친구들과 함께 공원을 산책하고 호수 옆 카페에서 차를 마셨습니다. 저녁에는 집에 돌아와서 음악을 들으며 저녁을 준비했습니다.",
  ],
  ["ru", "Сегодня была прекрасная погода, поэтому мы гуляли в парке и пили чай в маленьком кафе у озера."],
  [
    "es",
    "Hoy hizo muy buen tiempo, así que paseamos por el parque y tomamos un café junto al lago con nuestros amigos.",
  ],
  [
    "fr",
    "Aujourd'hui il faisait très beau, alors nous nous sommes promenés dans le parc et avons bu un café au bord du lac.",
  ],
  [
    "de",
    "Heute war das Wetter sehr schön, deshalb sind wir im Park spazieren gegangen und haben am See einen Kaffee getrunken.",
  ],
  [
    "pt",
    "Hoje o tempo estava muito bom, então passeamos pelo parque e tomamos um café perto do lago com os nossos amigos.",
  ],
  [
    "it",
    "Oggi il tempo era molto bello, quindi abbiamo passeggiato nel parco e bevuto un caffè vicino al lago con gli amici.",
  ],
  [
    "ar",
    "كان الطقس اليوم جميلا جدا، لذلك تمشينا في الحديقة وشربنا القهوة في مقهى صغير بجانب البحيرة مع أصدقائنا.",
  ],
  [
    "vi",
    "Hôm nay thời tiết rất đẹp, vì vậy chúng tôi đã đi dạo trong công viên và uống cà phê ở quán nhỏ bên hồ.",
  ],
  [
    "id",
    "Hari ini cuacanya sangat cerah, jadi kami berjalan-jalan di taman dan minum kopi di kafe kecil dekat danau bersama teman-teman.",
  ],
  [
    "tr",
    "Bugün hava çok güzeldi, bu yüzden parkta yürüyüş yaptık ve göl kenarındaki küçük bir kafede arkadaşlarımızla kahve içtik.",
  ],
  ["hi", "आज मौसम बहुत अच्छा था, इसलिए हम पार्क में घूमने गए और झील के किनारे एक छोटे कैफे में अपने दोस्तों के साथ चाय पी।"],
  ["th", "วันนี้อากาศดีมาก พวกเราจึงไปเดินเล่นในสวนสาธารณะ แล้วก็ดื่มกาแฟที่ร้านเล็กๆ ริมทะเลสาบกับเพื่อนๆ ของเราทุกคน"],
  [
    "pl",
    "Dzisiaj pogoda była bardzo ładna, więc poszliśmy na spacer do parku i wypiliśmy kawę w małej kawiarni nad jeziorem.",
  ],
  [
    "uk",
    "Сьогодні була чудова погода, тому ми гуляли в парку і пили каву в маленькій кав'ярні біля озера з друзями.",
  ],
  [
    "nl",
    "Vandaag was het heel mooi weer, dus we hebben in het park gewandeld en koffie gedronken in een klein café bij het meer.",
  ],
  [
    "fa",
    "امروز هوا خیلی خوب بود، بنابراین در پارک قدم زدیم و با دوستانمان در یک کافه کوچک کنار دریاچه قهوه نوشیدیم.",
  ],
];

describe("detectLanguage", () => {
  it("covers all 20 report languages with sentences of at least 60 characters", () => {
    expect(new Set(SENTENCES.map(([lang]) => lang)).size).toBe(20);
    for (const [, sentence] of SENTENCES) expect(sentence.length).toBeGreaterThanOrEqual(60);
  });

  it.each(SENTENCES)("detects %s", (lang, sentence) => {
    expect(detectLanguage(sentence)).toBe(lang);
  });

  it("gives und for empty text and text without letters", () => {
    expect(detectLanguage("")).toBe("und");
    expect(detectLanguage("   \n\t")).toBe("und");
    expect(detectLanguage("12345 + 678 = 7023 !!! ;-)")).toBe("und");
  });

  it("looks only at the prefix", () => {
    const english = "This sentence is written in plain English for the test. ".repeat(6);
    const chinese = "今天天气很好，我们一起去公园散步，然后在湖边的咖啡馆喝了一杯茶。".repeat(10);
    expect(detectLanguage(english + chinese)).toBe("en");
    expect(detectLanguage(english + chinese, english.length + 200)).toBe("zh");
  });

  it("reads prose around inline code, not the code", () => {
    expect(
      detectLanguage('Usa `df.filter(df.eta > 30)` oppure `df.where("eta > 30")` per filtrare le righe.'),
    ).toBe("it");
  });
});

describe("documentText", () => {
  const seg = (role: Segment["role"], text: string, field = "f"): Segment => ({ field, role, text });

  it("prefers the assistant's reply over the user's prompt", () => {
    const segments = [
      seg("user", "Please translate into French: the cat sleeps on the warm windowsill."),
      seg("assistant", "Le chat dort sur le rebord de la fenêtre, au soleil de l'après-midi."),
    ];
    expect(documentText(segments)).toBe(
      "Le chat dort sur le rebord de la fenêtre, au soleil de l'après-midi.",
    );
    expect(detectLanguage(documentText(segments))).toBe("fr");
  });

  it("puts assistant and role-less text before system text, and reads user text only when alone", () => {
    const segments = [
      seg("system", "S"),
      seg("user", "U"),
      seg("assistant", "A"),
      seg("none", "N"),
      seg("tool", "T"),
    ];
    expect(documentText(segments)).toBe("A\nN\nS");
    expect(documentText([seg("user", "U1"), seg("system", "S")])).toBe("S");
    expect(documentText([seg("user", "U1"), seg("tool", "T"), seg("user", "U2")])).toBe("U1\nU2");
    expect(documentText([seg("tool", "T")])).toBe("T");
    expect(documentText([])).toBe("");
  });

  it("cuts at maxChars, 300 by default", () => {
    const long = "x".repeat(1000);
    expect(documentText([seg("assistant", long)])).toHaveLength(300);
    expect(documentText([seg("assistant", "abc"), seg("assistant", long)], 10)).toBe("abc\nxxxxxx");
    expect(documentText([seg("assistant", long), seg("system", "S")], 10)).toBe("xxxxxxxxxx");
  });
});
