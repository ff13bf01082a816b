import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useLocation, useNavigation } from "@remix-run/react";
import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useT } from "~/i18n";
import { AlertIcon, CheckIcon } from "./icons";

/**
 * Form fields wired to conform: the label names the input, and the error list and hint are tied to
 * it with aria-describedby; aria-invalid is set only after the server (or client) said so.
 */

export function ErrorList({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>
          <AlertIcon size={16} />
          <span>{e}</span>
        </li>
      ))}
    </ul>
  );
}

/** Ties hint and errors to the control. */
function describedBy(field: FieldMetadata<unknown>, hint: ReactNode) {
  if (field.errors?.length) return field.errorId;
  return hint ? `${field.id}-hint` : undefined;
}

interface FieldShellProps {
  field: FieldMetadata<unknown>;
  label: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
}

function FieldShell({ field, label, hint, children }: FieldShellProps) {
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {children}
      {/* An error replaces the hint: it says the same thing, more pointedly. */}
      {hint && !field.errors?.length ? (
        <p id={`${field.id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

type InputType = "text" | "email" | "password" | "search" | "url" | "tel" | "number";

export function TextField({
  field,
  label,
  hint,
  type = "text",
  ...rest
}: Omit<FieldShellProps, "children"> & { type?: InputType } & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  // Passwords are never sent back in a form reply, so there is no value to restore.
  const props = getInputProps(field, { type, value: type !== "password" });
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <input {...props} {...rest} className="input" aria-describedby={describedBy(field, hint)} />
    </FieldShell>
  );
}

export function TextareaField({
  field,
  label,
  hint,
  ...rest
}: Omit<FieldShellProps, "children"> & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <textarea
        {...getTextareaProps(field)}
        {...rest}
        className="textarea"
        aria-describedby={describedBy(field, hint)}
      />
    </FieldShell>
  );
}

export function SelectField({
  field,
  label,
  hint,
  options,
  ...rest
}: Omit<FieldShellProps, "children"> & {
  options: { value: string; label: string; lang?: string }[];
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <select {...getSelectProps(field)} {...rest} className="select" aria-describedby={describedBy(field, hint)}>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Errors about the whole form (wrong password, rate limit), announced when they appear. */
export function FormErrors({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="notice notice-error" role="alert">
      <AlertIcon size={20} />
      <div>
        {errors.map((e) => (
          <p key={e}>{e}</p>
        ))}
      </div>
    </div>
  );
}

/** A short success message in a polite live region (shown as a toast). */
export function Toast({ children }: { children: ReactNode }) {
  return (
    <div className="toast" role="status">
      <CheckIcon size={18} />
      <span>{children}</span>
    </div>
  );
}

/** A submit button that says it is busy while this page's form is in flight (with JavaScript). */
export function SubmitButton({
  children,
  className = "btn btn-primary btn-block",
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { children: ReactNode }) {
  const t = useT();
  const navigation = useNavigation();
  const location = useLocation();
  const busy = navigation.state === "submitting" && navigation.formAction?.split("?")[0] === location.pathname;
  return (
    <button type="submit" className={className} aria-disabled={busy || undefined} {...rest}>
      {busy ? t("form.submitting") : children}
    </button>
  );
}
