import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ErrorList, FormErrors, SubmitButton, Toast } from "~/components/forms";
import {
  createSegment,
  createUserTag,
  formFailure,
  listSegmentNotifications,
  listSegments,
  listUserTags,
  notifySegment,
  requireStaff,
  tagUser,
  type FormFailure,
} from "~/components/ops-console/ops-console.server";
import { useFormat, useT, type UiKey } from "~/i18n";
import styles from "~/styles/ops-console.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/** Staff: user tags (manual and rule-made), RFM segments with their sizes, and notifying a segment about a campaign. */

const PERMISSION = "tag:users:any";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "opsConsole.audience.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  const [tags, segments, sends] = await Promise.all([listUserTags(context, staff), listSegments(context, staff), listSegmentNotifications(context, staff)]);
  return json({ tags, segments, sends });
}

type Intent = "createTag" | "tagUser" | "createSegment" | "notify";
type ActionData = { intent: Intent; done: "saved" | "queued" | "replayed" | null; values: Record<string, string>; failure: FormFailure | null };

/** A whole number from a form field; empty → undefined; anything else passed on for the schema to refuse. */
const int = (v: string | undefined): number | string | undefined => {
  const s = (v ?? "").trim();
  if (s === "") return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : s;
};
const yuan = (v: string | undefined): number | string | undefined => {
  const s = (v ?? "").trim();
  if (s === "") return undefined;
  return /^\d+(\.\d{1,2})?$/.test(s) ? Math.round(Number(s) * 100) : s;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, PERMISSION);
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") values[k] = v;
  const intent = values.intent as Intent;
  try {
    if (intent === "createTag") {
      const rule =
        values.kind === "rule"
          ? values.ruleKind === "ordersInDays"
            ? { kind: "ordersInDays" as const, min: int(values.min) as number, days: int(values.days) as number }
            : { kind: (values.ruleKind === "postsInCategory" ? "postsInCategory" : "likesInCategory") as "likesInCategory", category: values.category ?? "", min: int(values.min) as number, days: int(values.days) as number }
          : undefined;
      await createUserTag(context, staff, { name: values.name ?? "", kind: values.kind as "manual", rule });
      return json<ActionData>({ intent, done: "saved", values: {}, failure: null });
    }
    if (intent === "tagUser") {
      await tagUser(context, staff, values.tagId ?? "", { handle: values.handle ?? "" });
      return json<ActionData>({ intent, done: "saved", values: {}, failure: null });
    }
    if (intent === "createSegment") {
      await createSegment(context, staff, {
        name: values.name ?? "",
        definition: {
          kind: "rfm",
          maxRecencyDays: int(values.recency) as number | undefined,
          minFrequency: int(values.frequency) as number | undefined,
          minMonetaryCents: yuan(values.monetary) as number | undefined,
          windowDays: (int(values.window) ?? "") as number,
        },
      });
      return json<ActionData>({ intent, done: "saved", values: {}, failure: null });
    }
    const sent = await notifySegment(context, staff, values.segmentId ?? "", { campaignId: values.campaignId ?? "", title: values.title ?? "", message: values.message ?? "", href: values.href ?? "" });
    return json<ActionData>({ intent: "notify", done: sent.replayed ? "replayed" : "queued", values: {}, failure: null });
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, staff));
    return json<ActionData>({ intent, done: null, values, failure }, { status });
  }
}

function Field({ name, label, data, intent, type = "text", inputMode, errorKey }: { name: string; label: string; data: ActionData | undefined; intent: Intent; type?: string; inputMode?: "numeric" | "decimal"; errorKey?: string }) {
  const mine = data?.intent === intent ? data : undefined;
  const errors = mine?.failure?.fields[errorKey ?? name];
  const id = `${intent}-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type={type} inputMode={inputMode} className="input" defaultValue={mine?.values[name] ?? ""} aria-invalid={errors ? true : undefined} aria-describedby={errors ? `${id}-errors` : undefined} />
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}

export default function OpsAudience() {
  const t = useT();
  const format = useFormat();
  const { tags, segments, sends } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const general = (intent: Intent) => (data?.intent === intent && data.failure && Object.keys(data.failure.fields).length === 0 ? [data.failure.message] : null);
  const ruleText = (r: NonNullable<(typeof tags)[number]["rule"]>) => t(`opsConsole.tags.rule.${r.kind}` as UiKey, { min: r.min, days: r.days, category: "category" in r ? r.category : "" });
  const tagName = (id: string) => tags.find((x) => x.id === id)?.name ?? "—";
  return (
    <div className="stack">
      <p className="small">
        <Link to="/ops">← {t("opsConsole.title")}</Link>
      </p>
      <PageHeader title={t("opsConsole.audience.title")}>{t("opsConsole.audience.intro")}</PageHeader>
      {data?.done === "saved" ? <Toast>{t("opsConsole.tags.saved")}</Toast> : null}
      {data?.done === "queued" ? <Toast>{t("opsConsole.segments.queued")}</Toast> : null}
      {data?.done === "replayed" ? <Toast>{t("opsConsole.segments.replayed")}</Toast> : null}

      <section className="card card-body stack" aria-labelledby="tags-title">
        <h2 id="tags-title" className="section-title">
          {t("opsConsole.tags.title")}
        </h2>
        {tags.length === 0 ? (
          <p className="muted">{t("opsConsole.tags.empty")}</p>
        ) : (
          <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
            {tags.map((tag) => (
              <li key={tag.id} data-testid="user-tag">
                <span className="chip">{tag.kind === "rule" ? t("opsConsole.tags.rule") : t("opsConsole.tags.manual")}</span> <strong>{tag.name}</strong> · {t("opsConsole.tags.members", { n: tag.members })}
                {tag.rule ? <span className="small muted"> · {ruleText(tag.rule)}</span> : null}
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="form stack" aria-label={t("opsConsole.tags.assign")}>
          <h3 className="small">{t("opsConsole.tags.assign")}</h3>
          <input type="hidden" name="intent" value="tagUser" />
          <FormErrors errors={general("tagUser")} />
          <div className="field">
            <label htmlFor="tagUser-tagId">{t("opsConsole.tags.tag")}</label>
            <select id="tagUser-tagId" name="tagId" className="input">
              {tags
                .filter((x) => x.kind === "manual")
                .map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
            </select>
          </div>
          <Field name="handle" label={t("opsConsole.tags.handle")} data={data} intent="tagUser" />
          <SubmitButton className="btn btn-secondary">{t("opsConsole.tags.assign")}</SubmitButton>
        </Form>
        <Form method="post" className="form stack" aria-label={t("opsConsole.tags.create")}>
          <h3 className="small">{t("opsConsole.tags.create")}</h3>
          <input type="hidden" name="intent" value="createTag" />
          <FormErrors errors={general("createTag")} />
          <Field name="name" label={t("opsConsole.tags.name")} data={data} intent="createTag" />
          <fieldset className="field">
            <legend>{t("opsConsole.tags.kind")}</legend>
            <label className="row">
              <input type="radio" name="kind" value="manual" defaultChecked /> {t("opsConsole.tags.manual")}
            </label>
            <label className="row">
              <input type="radio" name="kind" value="rule" /> {t("opsConsole.tags.rule")}
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="createTag-ruleKind">{t("opsConsole.tags.ruleKind")}</label>
            <select id="createTag-ruleKind" name="ruleKind" className="input">
              <option value="likesInCategory">{t("opsConsole.tags.rule.likesInCategory", { min: "N", days: "D", category: "…" })}</option>
              <option value="postsInCategory">{t("opsConsole.tags.rule.postsInCategory", { min: "N", days: "D", category: "…" })}</option>
              <option value="ordersInDays">{t("opsConsole.tags.rule.ordersInDays", { min: "N", days: "D" })}</option>
            </select>
            <ErrorList errors={data?.intent === "createTag" ? data.failure?.fields.rule : undefined} />
          </div>
          <Field name="category" label={t("opsConsole.tags.category")} data={data} intent="createTag" errorKey="rule.category" />
          <Field name="min" label={t("opsConsole.tags.min")} data={data} intent="createTag" inputMode="numeric" errorKey="rule.min" />
          <Field name="days" label={t("opsConsole.tags.days")} data={data} intent="createTag" inputMode="numeric" errorKey="rule.days" />
          <SubmitButton className="btn btn-secondary">{t("opsConsole.tags.create")}</SubmitButton>
        </Form>
      </section>

      <section className="card card-body stack" aria-labelledby="segments-title">
        <h2 id="segments-title" className="section-title">
          {t("opsConsole.segments.title")}
        </h2>
        {segments.length === 0 ? (
          <p className="muted">{t("opsConsole.segments.empty")}</p>
        ) : (
          <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
            {segments.map((s) => (
              <li key={s.id} data-testid="segment">
                <strong>{s.name}</strong> · {t("opsConsole.segments.count", { n: s.count })}
                <span className="small muted">
                  {" · "}
                  {s.definition.kind === "tag"
                    ? t("opsConsole.segments.tag", { name: tagName(s.definition.tagId) })
                    : t("opsConsole.segments.rfm", { r: s.definition.maxRecencyDays ?? "∞", f: s.definition.minFrequency ?? 0, m: format.money(s.definition.minMonetaryCents ?? 0), w: s.definition.windowDays })}
                </span>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="form stack" aria-label={t("opsConsole.segments.notify")}>
          <h3 className="small">{t("opsConsole.segments.notify")}</h3>
          <input type="hidden" name="intent" value="notify" />
          <FormErrors errors={general("notify")} />
          <div className="field">
            <label htmlFor="notify-segmentId">{t("opsConsole.segments.segment")}</label>
            <select id="notify-segmentId" name="segmentId" className="input">
              {segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <Field name="campaignId" label={t("opsConsole.segments.campaign")} data={data} intent="notify" />
          <Field name="title" label={t("opsConsole.segments.msgTitle")} data={data} intent="notify" />
          <Field name="message" label={t("opsConsole.segments.message")} data={data} intent="notify" />
          <Field name="href" label={t("opsConsole.segments.href")} data={data} intent="notify" />
          <SubmitButton className="btn btn-primary">{t("opsConsole.segments.notify")}</SubmitButton>
        </Form>
        {sends.length > 0 ? (
          <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
            {sends.map((s) => (
              <li key={s.id} className="stack">
                <span className="small">{t("opsConsole.segments.sent", { title: s.title, sent: s.sent, total: s.total })}</span>
                <progress max={Math.max(s.total, 1)} value={s.total === 0 ? 1 : s.sent} aria-label={s.title} />
              </li>
            ))}
          </ul>
        ) : null}
        <Form method="post" className="form stack" aria-label={t("opsConsole.segments.create")}>
          <h3 className="small">{t("opsConsole.segments.create")}</h3>
          <input type="hidden" name="intent" value="createSegment" />
          <FormErrors errors={general("createSegment")} />
          <Field name="name" label={t("opsConsole.segments.name")} data={data} intent="createSegment" />
          <Field name="recency" label={t("opsConsole.segments.recency")} data={data} intent="createSegment" inputMode="numeric" errorKey="definition.maxRecencyDays" />
          <Field name="frequency" label={t("opsConsole.segments.frequency")} data={data} intent="createSegment" inputMode="numeric" errorKey="definition.minFrequency" />
          <Field name="monetary" label={t("opsConsole.segments.monetary")} data={data} intent="createSegment" inputMode="decimal" errorKey="definition.minMonetaryCents" />
          <Field name="window" label={t("opsConsole.segments.window")} data={data} intent="createSegment" inputMode="numeric" errorKey="definition.windowDays" />
          <SubmitButton className="btn btn-secondary">{t("opsConsole.segments.create")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
