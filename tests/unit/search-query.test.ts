import { describe, expect, it } from "vitest";
import { parseQuery } from "../../search/builtin-engine";

const groupsOf = async (q: string) => (await parseQuery(q, async () => []))?.groups;

describe("the built-in engine's query parsing", () => {
  it("puts back together a Chinese word the segmenter cut into single characters", async () => {
    // 保湿 alone comes out of Intl.Segmenter as 保 + 湿; as single characters it would match almost every note.
    expect((await groupsOf("保湿 lipstik"))?.[0]).toEqual(["保湿"]);
    expect((await groupsOf("保湿面霜"))?.[0]).toEqual(["保湿"]);
  });

  it("keeps characters the reader separated apart, and a lone character alone", async () => {
    expect(await groupsOf("口 红")).toEqual([["口"], ["红"]]);
    expect(await groupsOf("红")).toEqual([["红"]]);
  });

  it("still offers synonyms and a prefix for the last Latin word", async () => {
    expect((await groupsOf("口红"))?.[0]).toEqual(expect.arrayContaining(["口红", "lipstick"]));
    expect((await groupsOf("保湿 lipstik"))?.[1]).toEqual(["lipstik:*"]);
  });
});
