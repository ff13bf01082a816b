import { localInputToIso } from "./local-time";

/**
 * A staff item form → the API's input shape, so the domain function validates it with the same schema
 * (and the same field messages) as the API. Empty optional fields mean "none"; anything unparseable is
 * passed through as it is, for the schema to reject with a message next to its field.
 */
export function rewardInputFromForm(form: FormData, timeZone: string, mode: "create" | "update"): Record<string, unknown> {
  const str = (k: string) => String(form.get(k) ?? "").trim();
  const num = (k: string) => (str(k) === "" ? undefined : Number.isFinite(Number(str(k))) ? Number(str(k)) : str(k));
  const when = (k: string) => (str(k) === "" ? null : localInputToIso(str(k), timeZone));
  const input: Record<string, unknown> = {
    title: str("title"),
    description: str("description"),
    kind: str("kind"),
    pointsPrice: num("pointsPrice"),
    perUserLimit: num("perUserLimit") ?? null,
    minLevel: num("minLevel"),
    startsAt: when("startsAt"),
    endsAt: when("endsAt"),
    active: form.get("active") === "on",
    imageUploadId: str("imageUploadId") === "" ? null : str("imageUploadId"),
  };
  if (mode === "create") input.stock = num("stock");
  else if (str("stockDelta") !== "" && num("stockDelta") !== 0) input.stockDelta = num("stockDelta");
  for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
  return input;
}

export const formValuesOf = (form: FormData) => Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
