import { Form } from "@remix-run/react";
import { ErrorList, FormErrors, SubmitButton, Toast } from "~/components/forms";
import { useFormat, useT, type UiKey } from "~/i18n";

export type NoteCurationState = {
  featuredAt: string | null;
  curation: {
    action: "pin" | "boost" | "bury";
    weightBp: number;
    currentWeightBp: number;
    decayDays: number;
    reason: string;
    createdBy: string | null;
    startsAt: string;
  } | null;
};

/** What the note page's action answers a curation post with. */
export type NoteCurationResult = {
  curationResult: {
    done: "featured" | "unfeatured" | "curated" | "lifted" | null;
    values: Record<string, string>;
    failure: { message: string; fields: Record<string, string[]> } | null;
  };
};

export const CURATION_INTENTS = ["feature", "unfeature", "curate", "lift"] as const;

/** Basis points as the multiplier staff think in (×3, ×0.1). */
const factor = (bp: number) => (bp / 10000).toFixed(2).replace(/\.?0+$/, "");

/** One text field of the curation form, with the value sent and the server's messages for it kept. */
function CurationInput(props: {
  name: "weightBp" | "decayDays" | "reason";
  label: string;
  numeric?: boolean;
  maxLength?: number;
  fields: Record<string, string[] | undefined>;
  values: Record<string, string | undefined>;
}) {
  const { name, fields } = props;
  const id = `curation-${name}`;
  const errors = fields[name];
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={name}
        inputMode={props.numeric ? "numeric" : undefined}
        maxLength={props.maxLength}
        className="input"
        defaultValue={props.values[name] ?? ""}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-errors` : undefined}
      />
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}

/**
 * The 运营 panel under a note, for staff only: its 精选 pick, and its live pin, boost or bury with the
 * factor in force now. Plain form posts to the note page, so it works without JavaScript; a new
 * curation replaces the live one, as the server does.
 */
export function NoteCurationPanel({ state, result }: { state: NoteCurationState; result: NoteCurationResult["curationResult"] | undefined }) {
  const t = useT();
  const format = useFormat();
  const fields = result?.failure?.fields ?? {};
  const values = result?.values ?? {};
  const live = state.curation;
  const formErrors = result?.failure && Object.keys(fields).length === 0 ? [result.failure.message] : null;
  const doneKey = result?.done ? ({ featured: "noteCuration.featuredDone", unfeatured: "noteCuration.unfeaturedDone", curated: "opsConsole.curation.done", lifted: "opsConsole.curation.lifted" } as const)[result.done] : null;
  return (
    <section className="card card-body stack note-curation" aria-labelledby="note-curation-title" data-testid="note-curation">
      <h2 id="note-curation-title" className="section-title">
        {t("noteCuration.title")}
      </h2>
      <p className="small muted">{t("noteCuration.intro")}</p>
      {doneKey ? <Toast>{t(doneKey)}</Toast> : null}
      <FormErrors errors={formErrors} />

      <div className="row" style={{ justifyContent: "space-between", flexWrap: "wrap", gap: 8 }}>
        <span>{state.featuredAt ? t("noteCuration.featured", { date: format.dateTime(state.featuredAt) }) : t("noteCuration.notFeatured")}</span>
        <Form method="post">
          <input type="hidden" name="intent" value={state.featuredAt ? "unfeature" : "feature"} />
          <SubmitButton className={`btn btn-small ${state.featuredAt ? "btn-secondary" : "btn-primary"}`}>
            {state.featuredAt ? t("noteCuration.unfeature") : t("noteCuration.feature")}
          </SubmitButton>
        </Form>
      </div>

      <div className="row" style={{ justifyContent: "space-between", flexWrap: "wrap", gap: 8 }}>
        {live ? (
          <span className="stack" style={{ gap: 2 }}>
            <span>
              <span className="chip">{t("noteCuration.current", { action: t(`opsConsole.curation.action.${live.action}` as UiKey) })}</span>{" "}
              {t("opsConsole.curation.factor", { now: factor(live.currentWeightBp), start: factor(live.weightBp), days: live.decayDays })}
            </span>
            <span className="small muted">
              {format.dateTime(live.startsAt)}
              {live.createdBy || live.reason ? ` · ${t("noteCuration.by", { name: live.createdBy ?? "—", reason: live.reason || "—" })}` : null}
            </span>
          </span>
        ) : (
          <span>{t("noteCuration.none")}</span>
        )}
        {live ? (
          <Form method="post">
            <input type="hidden" name="intent" value="lift" />
            <SubmitButton className="btn btn-secondary btn-small">{t(`noteCuration.lift.${live.action}` as UiKey)}</SubmitButton>
          </Form>
        ) : null}
      </div>

      <Form method="post" className="form stack" aria-label={t("opsConsole.curation.title")} noValidate>
        <input type="hidden" name="intent" value="curate" />
        <fieldset className="field">
          <legend>{t("opsConsole.curation.action")}</legend>
          <div className="row" style={{ flexWrap: "wrap", gap: "4px 16px" }}>
            {(["pin", "boost", "bury"] as const).map((a) => (
              <label key={a} className="row" style={{ minHeight: 44, gap: 6 }}>
                <input type="radio" name="action" value={a} defaultChecked={(values.action ?? live?.action ?? "boost") === a} /> {t(`opsConsole.curation.action.${a}` as UiKey)}
              </label>
            ))}
          </div>
          <ErrorList errors={fields.action} />
        </fieldset>
        <CurationInput name="weightBp" label={t("opsConsole.curation.weight")} numeric fields={fields} values={values} />
        <CurationInput name="decayDays" label={t("opsConsole.curation.decayDays")} numeric fields={fields} values={values} />
        <CurationInput name="reason" label={t("opsConsole.curation.reason")} maxLength={200} fields={fields} values={values} />
        <SubmitButton className="btn btn-primary">{t("noteCuration.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
