import type { ReactNode } from "react";
import { ErrorList } from "~/components/forms";

/**
 * A labelled input of a plain form post: the error list (from the server's field messages) and the hint
 * are tied to the control with aria-describedby, so the page works the same with or without JavaScript.
 */
export function PlainField({
  id,
  name,
  label,
  value,
  errors,
  hint,
  type = "text",
  inputMode,
  min,
  max,
  step,
  maxLength,
}: {
  id: string;
  name: string;
  label: ReactNode;
  value?: string;
  errors?: string[];
  hint?: ReactNode;
  type?: "text" | "number";
  inputMode?: "numeric" | "decimal";
  min?: number;
  max?: number;
  step?: string;
  maxLength?: number;
}) {
  const invalid = Boolean(errors?.length);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        min={min}
        max={max}
        step={step}
        maxLength={maxLength}
        defaultValue={value ?? ""}
        className="input"
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-errors` : hint ? `${id}-hint` : undefined}
      />
      {hint && !invalid ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}

/** A checkbox with its label; unchecked posts nothing, which the form reader takes as false. */
export function CheckField({ id, name, label, checked, errors }: { id: string; name: string; label: ReactNode; checked: boolean; errors?: string[] }) {
  return (
    <div className="field">
      <label className="row dr-check" htmlFor={id}>
        <input id={id} name={name} type="checkbox" defaultChecked={checked} aria-describedby={errors?.length ? `${id}-errors` : undefined} />
        <span>{label}</span>
      </label>
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}
