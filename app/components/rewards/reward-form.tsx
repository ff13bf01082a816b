import { Form } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/forms";
import { useT } from "~/i18n";
import { FieldErrorList, type RewardItem } from "./reward-bits";
import { isoToLocalInput } from "./local-time";

type Values = Record<string, string>;

/** Field values for editing an item (datetime-local in the platform zone). */
export function valuesOfReward(item: RewardItem, timeZone: string): Values {
  return {
    title: item.title,
    description: item.description,
    kind: item.kind,
    pointsPrice: String(item.pointsPrice),
    perUserLimit: item.perUserLimit === null ? "" : String(item.perUserLimit),
    minLevel: String(item.minLevel),
    startsAt: isoToLocalInput(item.startsAt, timeZone),
    endsAt: isoToLocalInput(item.endsAt, timeZone),
    active: item.active ? "on" : "",
    imageUploadId: item.imageUploadId ?? "",
  };
}

/**
 * The staff item form, create or edit: a plain form post; errors come back next to their fields.
 * Editing changes stock only by a delta, so a restock never overwrites a redemption in flight.
 */
export function RewardForm({
  mode,
  values,
  fields,
  message,
  stockNow,
}: {
  mode: "create" | "update";
  values: Values;
  fields: Record<string, string[]>;
  message: string | null;
  stockNow?: string;
}) {
  const t = useT();
  const id = (k: string) => `${mode}-${k}`;
  const input = (k: string, label: string, props: { type?: string; min?: number; max?: number; hint?: string } = {}) => (
    <div className="field">
      <label htmlFor={id(k)}>{label}</label>
      <input
        id={id(k)}
        name={k}
        type={props.type ?? "text"}
        min={props.min}
        max={props.max}
        defaultValue={values[k] ?? ""}
        className="input"
        aria-invalid={fields[k]?.length ? true : undefined}
        aria-describedby={fields[k]?.length ? `${id(k)}-errors` : props.hint ? `${id(k)}-hint` : undefined}
      />
      {props.hint && !fields[k]?.length ? (
        <p id={`${id(k)}-hint`} className="field-hint">
          {props.hint}
        </p>
      ) : null}
      <FieldErrorList id={`${id(k)}-errors`} errors={fields[k]} />
    </div>
  );
  const general = [message, ...(fields._ ?? [])].filter((m): m is string => Boolean(m));
  return (
    <Form method="post" className="form" noValidate>
      <FormErrors errors={general} />
      <input type="hidden" name="intent" value={mode} />
      {input("title", t("rewards.ops.field.title"))}
      <div className="field">
        <label htmlFor={id("description")}>{t("rewards.ops.field.description")}</label>
        <textarea id={id("description")} name="description" defaultValue={values.description ?? ""} className="textarea textarea-short" />
        <FieldErrorList id={`${id("description")}-errors`} errors={fields.description} />
      </div>
      <div className="field">
        <label htmlFor={id("kind")}>{t("rewards.ops.field.kind")}</label>
        <select id={id("kind")} name="kind" defaultValue={values.kind || "physical"} className="select">
          <option value="physical">{t("rewards.kind.physical")}</option>
          <option value="virtual">{t("rewards.kind.virtual")}</option>
        </select>
        <FieldErrorList id={`${id("kind")}-errors`} errors={fields.kind} />
      </div>
      {input("pointsPrice", t("rewards.ops.field.price"), { type: "number", min: 1 })}
      {mode === "create"
        ? input("stock", t("rewards.ops.field.stock"), { type: "number", min: 0 })
        : input("stockDelta", t("rewards.ops.field.stockDelta"), { type: "number", hint: stockNow })}
      {input("perUserLimit", t("rewards.ops.field.perUserLimit"), { type: "number", min: 1 })}
      {input("minLevel", t("rewards.ops.field.minLevel"), { type: "number", min: 1, max: 9 })}
      {input("startsAt", t("rewards.ops.field.startsAt"), { type: "datetime-local", hint: t("rewards.ops.timeHint") })}
      {input("endsAt", t("rewards.ops.field.endsAt"), { type: "datetime-local" })}
      {input("imageUploadId", t("rewards.ops.field.imageUploadId"))}
      <div className="field">
        <label>
          <input type="checkbox" name="active" defaultChecked={values.active === "on"} /> {t("rewards.ops.field.active")}
        </label>
      </div>
      <SubmitButton className="btn btn-primary">{mode === "create" ? t("rewards.ops.create") : t("rewards.ops.save")}</SubmitButton>
    </Form>
  );
}
