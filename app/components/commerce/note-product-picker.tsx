import { useState } from "react";
import { ErrorList } from "~/components/forms";
import { useFormat, useT } from "~/i18n";

export interface ProductOption {
  id: string;
  title: string;
  priceCents: number;
}

const MAX = 5;

/**
 * The note editor's product picker: tick up to 5 products on sale to show under the note. Plain
 * checkboxes named `productIds`, so it posts without JavaScript; a hidden empty value marks that the
 * picker was there (none ticked means "link none"). With JavaScript, a sixth box can't be ticked.
 */
export function NoteProductPicker({ options, initial, errors }: { options: ProductOption[]; initial: string[]; errors?: string[] }) {
  const t = useT();
  const format = useFormat();
  const [picked, setPicked] = useState<string[]>(initial);
  if (options.length === 0) return null;
  return (
    <fieldset className="field" aria-describedby={errors?.length ? "note-products-errors" : "note-products-hint"}>
      <legend className="field-label">{t("note.products.pick")}</legend>
      <p id="note-products-hint" className="field-hint">
        {t("note.products.hint")}
      </p>
      <input type="hidden" name="productIds" value="" />
      <ul className="shop-picker">
        {options.map((p) => {
          const checked = picked.includes(p.id);
          return (
            <li key={p.id}>
              <label>
                <input
                  type="checkbox"
                  name="productIds"
                  value={p.id}
                  defaultChecked={initial.includes(p.id)}
                  disabled={!checked && picked.length >= MAX}
                  onChange={(e) => setPicked((now) => (e.target.checked ? [...now, p.id] : now.filter((id) => id !== p.id)))}
                />
                <span>{p.title}</span>
                <span className="muted">{format.money(p.priceCents)}</span>
              </label>
            </li>
          );
        })}
      </ul>
      <ErrorList id="note-products-errors" errors={errors} />
    </fieldset>
  );
}
