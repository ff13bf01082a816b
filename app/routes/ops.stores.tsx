import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { createExternalStore, formFailure, formValuesOf, listExternalStores, requireStaff, type FormFailure } from "~/components/commerce/commerce.server";
import { ShopOpsNav } from "~/components/commerce/product-form";
import { CopyButton } from "~/components/copy-button";
import { PageHeader } from "~/components/empty-state";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormErrors, SubmitButton } from "~/components/forms";
import { FieldErrorList } from "~/components/rewards/reward-bits";
import { useFormat, useT } from "~/i18n";
import shopStyles from "~/styles/commerce.css";
import { resolveLocale } from "~/utils/locale.server";
import { titleMeta } from "~/utils/meta";

/**
 * Staff: external stores that report orders through the signed webhook. Creating one shows its
 * signing secret once (in the action's answer, never in a loader), for staff to paste into the store.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shopStyles }];
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "ops.stores.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:products:any");
  return json({ stores: await listExternalStores(context, staff), apiBase: `${(context.config.publicUrl ?? new URL(request.url).origin).replace(/\/$/, "")}/api/v1` });
}

type ActionData = { created: { slug: string; name: string; secret: string } | null; values: Record<string, string>; failure: FormFailure | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "manage:products:any");
  const form = await request.formData();
  try {
    const { store, secret } = await createExternalStore(context, staff, { slug: String(form.get("slug") ?? ""), name: String(form.get("name") ?? "") });
    return json<ActionData>({ created: { slug: store.slug, name: store.name, secret }, values: {}, failure: null }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const { failure, status } = formFailure(error, resolveLocale(request, staff));
    return json<ActionData>({ created: null, values: formValuesOf(form), failure }, { status });
  }
}

export default function OpsStores() {
  const t = useT();
  const format = useFormat();
  const { stores, apiBase } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const fields = data?.failure?.fields ?? {};
  return (
    <div className="stack">
      <ShopOpsNav current="stores" />
      <PageHeader title={t("ops.stores.title")}>{t("ops.stores.intro")}</PageHeader>
      {data?.created ? (
        <section className="card card-body stack" role="status" aria-labelledby="secret-title">
          <h2 id="secret-title" className="shop-section-title">
            {data.created.name}
          </h2>
          <p>{t("ops.stores.secretOnce")}</p>
          <p className="shop-secret" data-testid="store-secret">
            {data.created.secret}
          </p>
          <CopyButton text={data.created.secret} />
          <p className="muted">
            {t("ops.stores.endpoint")}: <code>{`${apiBase}/stores/${data.created.slug}/orders`}</code>
          </p>
          <p className="muted">{t("ops.stores.howTo")}</p>
        </section>
      ) : null}
      {stores.length === 0 ? <p className="muted">{t("ops.stores.empty")}</p> : null}
      <ul className="shop-list" aria-label={t("ops.stores.title")}>
        {stores.map((s) => (
          <li key={s.id} className="card card-body">
            <div className="shop-row-head">
              <strong>{s.name}</strong>
              <span className="muted">{format.date(s.createdAt)}</span>
            </div>
            <code className="muted">{`${apiBase}/stores/${s.slug}/orders`}</code>
          </li>
        ))}
      </ul>
      <section className="card card-body stack" aria-labelledby="new-store">
        <h2 id="new-store">{t("ops.stores.create")}</h2>
        <Form method="post" className="form" noValidate>
          <FormErrors errors={data?.failure && !Object.keys(fields).length ? [data.failure.message] : []} />
          {(["slug", "name"] as const).map((k) => (
            <div className="field" key={k}>
              <label htmlFor={`store-${k}`}>{t(`ops.stores.${k}`)}</label>
              <input id={`store-${k}`} name={k} className="input" defaultValue={data?.values[k] ?? ""} aria-invalid={fields[k] ? true : undefined} aria-describedby={fields[k] ? `store-${k}-errors` : undefined} />
              <FieldErrorList id={`store-${k}-errors`} errors={fields[k]} />
            </div>
          ))}
          <SubmitButton className="btn btn-primary">{t("ops.stores.submit")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
