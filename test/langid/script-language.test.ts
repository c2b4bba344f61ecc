import { describe, expect, it } from "vitest";
import { scriptLanguage } from "../../src/langid/script-language.js";

describe("scriptLanguage", () => {
  it("names Chinese for Han without kana, in either script", () => {
    expect(scriptLanguage("我是通义千问，由阿里云开发的大规模语言模型。")).toBe("zh");
    expect(scriptLanguage("我是通義千問，由阿里雲開發的大規模語言模型。")).toBe("zh");
  });

  it("keeps Chinese with English product names Chinese", () => {
    expect(scriptLanguage("我是一个由OpenAI开发的语言模型ChatGPT，可以帮助你回答问题。")).toBe("zh");
    expect(scriptLanguage("使用Python的pandas库读取CSV文件")).toBe("zh");
  });

  it("names Japanese when kana appear beside Han, even a little", () => {
    expect(scriptLanguage("私はアシスタントです。今日は何をお手伝いしましょうか。")).toBe("ja");
    expect(scriptLanguage("東京都立図書館の利用案内について説明します")).toBe("ja");
    expect(scriptLanguage("カタカナだけのテキスト")).toBe("ja");
  });

  it("names Korean for Hangul, also with some Hanja", () => {
    expect(scriptLanguage("안녕하세요, 저는 여러분을 돕는 인공지능 비서입니다.")).toBe("ko");
    expect(scriptLanguage("大韓民國 헌법 제1조는 대한민국은 민주공화국이라고 규정한다.")).toBe("ko");
  });

  it("separates Persian, Urdu and Arabic by their letters", () => {
    expect(scriptLanguage("من یک دستیار هوش مصنوعی هستم که به شما کمک می‌کنم.")).toBe("fa");
    expect(scriptLanguage("أنا مساعد ذكي يساعدك في الكتابة والترجمة.")).toBe("ar");
    expect(scriptLanguage("میں ایک مددگار ہوں اور آپ کی مدد کے لیے یہاں ہوں۔ یہ بہت اچھا ہے")).toBe("ur");
    // Persian typed with Arabic ي and ك still has its own letters.
    expect(scriptLanguage("من يك دستيار هستم و به شما در نوشتن چند پاسخ كمك می كنم")).toBe("fa");
    // No telling letter either way: left to the n-gram model.
    expect(scriptLanguage("من را Anthropic ساخته است")).toBeUndefined();
  });

  it("separates Ukrainian, Russian and Belarusian by their letters", () => {
    expect(scriptLanguage("Я мовна модель, і я допомагаю з текстами.")).toBe("uk");
    expect(scriptLanguage("Я языковая модель, и я помогаю с текстами.")).toBe("ru");
    expect(scriptLanguage("Я моўная мадэль, і я дапамагаю з тэкстамі.")).toBe("be");
    expect(scriptLanguage("Здравей, аз съм помощник за писане на текстове.")).toBeUndefined();
  });

  it("names single-language scripts", () => {
    expect(scriptLanguage("สวัสดีครับ ผมเป็นผู้ช่วยปัญญาประดิษฐ์")).toBe("th");
    expect(scriptLanguage("नमस्ते, मैं एक सहायक हूँ।")).toBe("hi");
    expect(scriptLanguage("Γεια σας, είμαι ένας βοηθός τεχνητής νοημοσύνης.")).toBe("el");
    expect(scriptLanguage("שלום, אני עוזר וירטואלי שנוצר כדי לעזור.")).toBe("he");
  });

  it("leaves Latin, mixed and letterless text undecided", () => {
    expect(scriptLanguage("Hello, I am an assistant.")).toBeUndefined();
    expect(
      scriptLanguage("你好！Here is the answer to your question about sorting lists in Python."),
    ).toBeUndefined();
    expect(scriptLanguage("")).toBeUndefined();
    expect(scriptLanguage("1234 + 5678 = ?")).toBeUndefined();
  });

  it("looks at the first maxChars units only", () => {
    const text = `${"a".repeat(300)}${"中".repeat(1000)}`;
    expect(scriptLanguage(text)).toBeUndefined();
    expect(scriptLanguage(text, 1300)).toBe("zh");
  });

  it("counts Han outside the Basic Multilingual Plane", () => {
    expect(scriptLanguage("𠀀𠀁𠀂𠀃 abc")).toBe("zh");
  });
});
