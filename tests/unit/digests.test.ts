import { describe, expect, it } from "vitest";
import { parseSearch } from "../../src/domain/digest-search";
import { checkDigest, DEFAULT_THEMES } from "../../src/domain/digests";
import { indexTerms, stem, stems } from "../../src/domain/search";
import { digestRow } from "../helpers/digests";

const VOCABULARY = new Set(DEFAULT_THEMES.map(([code]) => code));

describe("§16: finding national reviews by their words", () => {
  it("§16: neglect, neglected, neglectful, neglecting and neglects share one stem, in any case", () => {
    expect(
      new Set(["neglect", "Neglected", "NEGLECTFUL", "neglecting", "neglects"].map(stem)),
    ).toEqual(new Set(["neglect"]));
    expect(stem("sharing")).toBe(stem("shared"));
    expect(stem("abusive")).toBe(stem("abuse"));
    expect(stem("process")).toBe("process");
  });

  it("§16: drops stop words and weighs a word in the title above one in the summary", () => {
    expect(stems("The voice of the child")).toEqual(["voic", "child"]);
    const terms = indexTerms({
      title: "Neglect",
      summary: "home",
      keyLearning: "",
      recommendations: "",
    });
    expect(terms.get("neglect")).toBeGreaterThan(terms.get("hom") ?? 0);
  });

  it("§16: bounds a search: at most 8 words, years in order", () => {
    expect(() => parseSearch({ words: "a1 b2 c3 d4 e5 f6 g7 h8 i9" }, "2026-11-28")).toThrow(
      /At most 8/,
    );
    expect(() => parseSearch({ publishedFromYear: 2030 }, "2026-11-28")).toThrow(/A year/);
  });

  it("§16: a catalogue record takes only themes of the vocabulary and dates not in the future", () => {
    expect(() => checkDigest(digestRow({ themes: ["x"] }), VOCABULARY, "2026-11-28")).toThrow(
      /No theme x/,
    );
    expect(() =>
      checkDigest(digestRow({ publishedOn: "2027-01-01" }), VOCABULARY, "2026-11-28"),
    ).toThrow(/future/);
    expect(checkDigest(digestRow({ ref: "r1" }), VOCABULARY, "2026-11-28").ref).toBe("r1");
  });
});
