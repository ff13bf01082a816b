import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { useT } from "~/i18n";
import { ErrorList, FormErrors } from "./forms";
import { useCategoryName, type CategoryItem } from "./feed-nav";
import { UploadPicker, type ExistingUpload } from "./upload-picker";
import { NoteProductPicker, type ProductOption } from "./commerce/note-product-picker";

export interface NoteFormValues {
  title: string;
  body: string;
  categorySlug: string;
}

/** Characters as people count them (an emoji is one), the way the server's limit counts. */
const lengthOf = (s: string) => Array.from(s).length;

/**
 * The note editor shared by /publish and /n/<id>/edit: the media picker, title and body with live
 * counters, a category, and the buttons (held while a file is still uploading). It is a plain form, so the text fields
 * post and show their server errors without JavaScript; the server's field messages sit next to the
 * field they are about, including the picker's (`mediaIds`).
 */
export function NoteForm({
  categories,
  defaultValue,
  lastResult,
  initialMedia,
  titleMax,
  bodyMax,
  buttons,
  productOptions = [],
  initialProductIds = [],
  extra,
}: {
  categories: CategoryItem[];
  defaultValue: NoteFormValues;
  lastResult: SubmissionResult<string[]> | undefined;
  initialMedia?: ExistingUpload[];
  titleMax: number;
  bodyMax: number;
  buttons: { intent: string; label: string; primary?: boolean }[];
  /** Products on sale the author may link under the note (the picker shows when there are any). */
  productOptions?: ProductOption[];
  initialProductIds?: string[];
  /** More fields the page adds for some authors (a creator's 粉丝专属 box), above the buttons. */
  extra?: ReactNode;
}) {
  const t = useT();
  const nameOf = useCategoryName();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const [form, fields] = useForm({ id: "note", lastResult, defaultValue, shouldRevalidate: "onBlur" });
  const [titleLength, setTitleLength] = useState(lengthOf(defaultValue.title));
  const [bodyLength, setBodyLength] = useState(lengthOf(defaultValue.body));
  const [uploading, setUploading] = useState(false);
  const mediaErrors = (fields as Record<string, { errors?: string[] } | undefined>).mediaIds?.errors;
  const productErrors = (fields as Record<string, { errors?: string[] } | undefined>).productIds?.errors;

  const describe = (field: { errors?: string[]; errorId: string; id: string }, extra?: string) =>
    [field.errors?.length ? field.errorId : null, extra].filter(Boolean).join(" ") || undefined;

  return (
    <Form method="post" className="form note-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />

      <div className="field" role="group" aria-labelledby="note-media-label">
        <span className="field-label" id="note-media-label">
          {t("feed.publish.media")}
        </span>
        <UploadPicker mode="post" name="mediaIds" initial={initialMedia} errors={mediaErrors} onBusyChange={setUploading} />
      </div>

      <div className="field">
        <label htmlFor={fields.title.id}>{t("feed.publish.title")}</label>
        <input
          {...getInputProps(fields.title, { type: "text" })}
          className="input"
          placeholder={t("feed.publish.titlePlaceholder")}
          maxLength={titleMax}
          autoComplete="off"
          aria-describedby={describe(fields.title, `${fields.title.id}-counter`)}
          onInput={(e) => setTitleLength(lengthOf(e.currentTarget.value))}
        />
        <span id={`${fields.title.id}-counter`} className="counter field-counter">
          {t("feed.counter", { count: titleLength, max: titleMax })}
        </span>
        <ErrorList id={fields.title.errorId} errors={fields.title.errors} />
      </div>

      <div className="field">
        <label htmlFor={fields.body.id}>{t("feed.publish.body")}</label>
        <textarea
          {...getTextareaProps(fields.body)}
          className="textarea"
          rows={8}
          placeholder={t("feed.publish.bodyPlaceholder")}
          maxLength={bodyMax}
          aria-describedby={describe(fields.body, `${fields.body.id}-hint ${fields.body.id}-counter`)}
          onInput={(e) => setBodyLength(lengthOf(e.currentTarget.value))}
        />
        <div className="row field-label-row">
          <p id={`${fields.body.id}-hint`} className="field-hint">
            {t("feed.publish.bodyHint")}
          </p>
          <span id={`${fields.body.id}-counter`} className="counter">
            {t("feed.counter", { count: bodyLength, max: bodyMax })}
          </span>
        </div>
        <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
      </div>

      <div className="field">
        <label htmlFor={fields.categorySlug.id}>{t("feed.publish.category")}</label>
        <select {...getSelectProps(fields.categorySlug)} className="select" aria-describedby={describe(fields.categorySlug)}>
          <option value="">{t("feed.publish.categoryNone")}</option>
          {categories.map((c) => (
            <option key={c.slug} value={c.slug}>
              {nameOf(c)}
            </option>
          ))}
        </select>
        <ErrorList id={fields.categorySlug.errorId} errors={fields.categorySlug.errors} />
      </div>

      <NoteProductPicker options={productOptions} initial={initialProductIds} errors={productErrors} />

      {extra}

      <div className="note-form-actions" style={buttons.length === 1 ? { gridTemplateColumns: "1fr" } : undefined}>
        {buttons.map((b) => (
          <button
            key={b.intent}
            type="submit"
            name="intent"
            value={b.intent}
            className={`btn ${b.primary ? "btn-primary" : "btn-secondary"} btn-block`}
            disabled={uploading}
            aria-disabled={busyIntent ? true : undefined}
          >
            {busyIntent === b.intent ? t("form.submitting") : b.label}
          </button>
        ))}
      </div>
    </Form>
  );
}
