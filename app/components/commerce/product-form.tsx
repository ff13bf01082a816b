import { Form, Link } from "@remix-run/react";
import { FormErrors, SubmitButton } from "~/components/forms";
import { FieldErrorList } from "~/components/rewards/reward-bits";
import { UploadPicker, type ExistingUpload } from "~/components/upload-picker";
import { useLocale, useT } from "~/i18n";

type Values = Record<string, string>;

/** Field values for editing a product (money in yuan and the rate in percent, as staff type them). */
export function valuesOfProduct(p: { title: string; description: string; priceCents: number; commissionRateBp: number; status: string; category: { id: string } | null }): Values {
  return {
    title: p.title,
    description: p.description,
    price: (p.priceCents / 100).toFixed(2),
    rate: String(p.commissionRateBp / 100),
    status: p.status,
    categoryId: p.category?.id ?? "",
  };
}

/** Staff navigation between the shop's admin pages. */
export function ShopOpsNav({ current }: { current: "products" | "orders" | "stores" }) {
  const t = useT();
  const link = (to: string, key: "products" | "orders" | "stores") => (
    <Link to={to} aria-current={current === key ? "page" : undefined}>
      {t(`ops.shop.nav.${key}`)}
    </Link>
  );
  return (
    <nav className="settings-nav" aria-label={t("ops.shop.nav")}>
      {link("/ops/products", "products")}
      {link("/ops/orders", "orders")}
      {link("/ops/stores", "stores")}
    </nav>
  );
}

/**
 * The staff product form, create or edit: a plain form post (images upload through the picker first and
 * travel as hidden ids); errors come back next to their fields. Editing moves stock only by a delta.
 */
export function ProductForm({
  mode,
  values,
  fields,
  message,
  images = [],
  categories,
  stockNow,
}: {
  mode: "create" | "update";
  values: Values;
  fields: Record<string, string[]>;
  message: string | null;
  images?: ExistingUpload[];
  categories: { id: string; nameZh: string; nameEn: string }[];
  stockNow?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const id = (k: string) => `${mode}-product-${k}`;
  // The schema names fields by their stored unit; the form by what staff type.
  const errorsOf = (k: string) => ({ price: fields.priceCents, rate: fields.commissionRateBp }[k] ?? fields[k]);
  const input = (k: string, label: string, props: { type?: string; step?: string; min?: number; inputMode?: "decimal" | "numeric"; hint?: string } = {}) => (
    <div className="field">
      <label htmlFor={id(k)}>{label}</label>
      <input
        id={id(k)}
        name={k}
        type={props.type ?? "text"}
        step={props.step}
        min={props.min}
        inputMode={props.inputMode}
        defaultValue={values[k] ?? ""}
        className="input"
        aria-invalid={errorsOf(k)?.length ? true : undefined}
        aria-describedby={errorsOf(k)?.length ? `${id(k)}-errors` : props.hint ? `${id(k)}-hint` : undefined}
      />
      {props.hint && !errorsOf(k)?.length ? (
        <p id={`${id(k)}-hint`} className="field-hint">
          {props.hint}
        </p>
      ) : null}
      <FieldErrorList id={`${id(k)}-errors`} errors={errorsOf(k)} />
    </div>
  );
  const general = [message, ...(fields._ ?? [])].filter((m): m is string => Boolean(m));
  return (
    <Form method="post" className="form" noValidate>
      <FormErrors errors={general} />
      <input type="hidden" name="intent" value={mode} />
      {input("title", t("ops.products.field.title"))}
      <div className="field">
        <label htmlFor={id("description")}>{t("ops.products.field.description")}</label>
        <textarea id={id("description")} name="description" defaultValue={values.description ?? ""} className="textarea textarea-short" />
        <FieldErrorList id={`${id("description")}-errors`} errors={fields.description} />
      </div>
      <div className="field">
        <span className="field-label">{t("ops.products.field.images")}</span>
        <UploadPicker mode="images" name="imageUploadIds" max={9} initial={images} errors={fields.imageUploadIds} />
      </div>
      {input("price", t("ops.products.field.price"), { inputMode: "decimal" })}
      {mode === "create"
        ? input("stock", t("ops.products.field.stock"), { type: "number", min: 0, inputMode: "numeric" })
        : input("stockDelta", t("ops.products.field.stockDelta"), { type: "number", inputMode: "numeric", hint: stockNow })}
      {input("rate", t("ops.products.field.rate"), { inputMode: "decimal" })}
      <div className="field">
        <label htmlFor={id("categoryId")}>{t("ops.products.field.category")}</label>
        <select id={id("categoryId")} name="categoryId" defaultValue={values.categoryId ?? ""} className="select">
          <option value="">{t("ops.products.field.noCategory")}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {locale === "en" ? c.nameEn : c.nameZh}
            </option>
          ))}
        </select>
        <FieldErrorList id={`${id("categoryId")}-errors`} errors={fields.categoryId} />
      </div>
      <div className="field">
        <label htmlFor={id("status")}>{t("ops.products.field.status")}</label>
        <select id={id("status")} name="status" defaultValue={values.status || "active"} className="select">
          {(["active", "draft", "archived"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`ops.products.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton className="btn btn-primary">{mode === "create" ? t("ops.products.create") : t("ops.products.save")}</SubmitButton>
    </Form>
  );
}
