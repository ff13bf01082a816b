import { describe, expect, it } from "vitest";
import { findKeyword, parseBody } from "../../server/content/parse-body";

const topics = (body: string) => parseBody(body).topicNames;
const mentions = (body: string) => parseBody(body).mentionHandles;

describe("note body parsing", () => {
  it("turns #话题 and @handles into tokens between text", () => {
    expect(parseBody("今天试了 #口红试色 超好看 @alice 快来").tokens).toEqual([
      { type: "text", text: "今天试了 " },
      { type: "topic", name: "口红试色" },
      { type: "text", text: " 超好看 " },
      { type: "mention", handle: "alice", userId: null },
      { type: "text", text: " 快来" },
    ]);
  });

  it("ends a topic at spaces and punctuation, Chinese or Latin", () => {
    expect(topics("#护肤，#平价好物。#summer_look! #数码2024")).toEqual(["护肤", "平价好物", "summer_look", "数码2024"]);
  });

  it("accepts the full-width ＃ an IME types", () => {
    expect(parseBody("＃好物分享 真香").tokens[0]).toEqual({ type: "topic", name: "好物分享" });
  });

  it("reads Xiaohongshu-style #话题# with its closing mark, and #a#b as two topics", () => {
    expect(parseBody("#护肤# 好用").tokens).toEqual([
      { type: "topic", name: "护肤" },
      { type: "text", text: " 好用" },
    ]);
    expect(topics("#a#b")).toEqual(["a", "b"]);
  });

  it("leaves ## and a lone # at the end as text", () => {
    expect(parseBody("##").tokens).toEqual([{ type: "text", text: "##" }]);
    expect(parseBody("最后一个#").tokens).toEqual([{ type: "text", text: "最后一个#" }]);
    expect(topics("## 标题")).toEqual([]);
    // A run of markers: only the one touching a name starts a topic.
    expect(topics("##双井号")).toEqual(["双井号"]);
  });

  it("stops a topic at an emoji and keeps the emoji whole", () => {
    const { tokens } = parseBody("#旅行😀好开心");
    expect(tokens).toEqual([
      { type: "topic", name: "旅行" },
      { type: "text", text: "😀好开心" },
    ]);
  });

  it("leaves topics longer than 20 characters as text", () => {
    const long = "很".repeat(21);
    expect(topics(`#${long}`)).toEqual([]);
    expect(topics(`#${"很".repeat(20)}`)).toEqual(["很".repeat(20)]);
  });

  it("keeps at most 10 distinct topics, repeating one doesn't count twice", () => {
    const body = Array.from({ length: 12 }, (_, i) => `#t${i}`).join(" ");
    expect(topics(body)).toHaveLength(10);
    expect(topics("#Skin #skin #SKIN")).toEqual(["Skin"]);
    expect(parseBody(body).tokens.filter((t) => t.type === "topic")).toHaveLength(10);
  });

  it("keeps URLs whole as text: their # and @ make no topic or mention", () => {
    const { tokens, topicNames, mentionHandles } = parseBody("看这里 https://example.com/a#section?x=@bob 和 www.test.cn/#/p 。");
    expect(topicNames).toEqual([]);
    expect(mentionHandles).toEqual([]);
    expect(tokens).toEqual([{ type: "text", text: "看这里 https://example.com/a#section?x=@bob 和 www.test.cn/#/p 。" }]);
  });

  it("ignores markers glued to Latin words: C#, emails, HTML entities", () => {
    expect(topics("我在学 C# 和 F#")).toEqual([]);
    expect(mentions("写信到 someone@example.com")).toEqual([]);
    expect(topics("&#60;script&#62;")).toEqual([]);
  });

  it("takes mentions that could be handles (3–20 chars, starting with a letter)", () => {
    expect(mentions("@ab @abc @1abc @Alice_W @alice_w")).toEqual(["abc", "Alice_W"]);
    expect(mentions("＠小红 @bob，你好")).toEqual(["bob"]);
  });

  it("keeps <script> and javascript: as plain text tokens", () => {
    const body = '<script>alert(1)</script> javascript:alert(1) <a href="javascript:alert(1)">x</a>';
    expect(parseBody(body).tokens).toEqual([{ type: "text", text: body }]);
  });

  it("returns no tokens for an empty body", () => {
    expect(parseBody("")).toEqual({ tokens: [], topicNames: [], mentionHandles: [] });
  });
});

describe("keyword matching", () => {
  it("finds a keyword anywhere, ignoring case", () => {
    expect(findKeyword("想要的加微信详聊", ["代购", "加微信"])).toBe("加微信");
    expect(findKeyword("Buy CHEAP now", ["cheap"])).toBe("cheap");
    expect(findKeyword("干净的笔记", ["加微信"])).toBeNull();
    expect(findKeyword("anything", ["  "])).toBeNull();
  });
});
