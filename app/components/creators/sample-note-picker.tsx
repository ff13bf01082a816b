import { ErrorList } from "~/components/forms";
import { useFormat, useT } from "~/i18n";

export type SampleNoteOption = { id: string; title: string; coverUrl: string | null; publishedAt: string | null };

/**
 * Sample notes on the creator application: the applicant ticks their own published notes (cover and
 * title), up to the server's maximum. Plain checkboxes named `samplePostIds`, so it posts without
 * JavaScript; the server checks the count and that each is the applicant's own published note.
 */
export function SampleNotePicker({ options, max, selected, errors }: { options: SampleNoteOption[]; max: number; selected: string[]; errors?: string[] }) {
  const t = useT();
  const format = useFormat();
  const describedBy = ["samplePostIds-hint", errors?.length ? "samplePostIds-errors" : null].filter(Boolean).join(" ");
  return (
    <fieldset className="field" aria-describedby={describedBy} data-testid="sample-note-picker">
      <legend>{t("creatorApply.samplePosts", { max })}</legend>
      <p id="samplePostIds-hint" className="field-hint">
        {options.length ? t("creatorApply.samplePostsHint") : t("creatorApply.samplePostsNone")}
      </p>
      {options.length ? (
        <ul style={{ listStyle: "none", padding: 0, margin: 0, display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(150px, 1fr))", gap: 8 }}>
          {options.map((o) => (
            <li key={o.id}>
              <label style={{ display: "grid", gridTemplateColumns: "auto 48px 1fr", gap: 8, alignItems: "center", minHeight: 64, cursor: "pointer" }}>
                <input type="checkbox" name="samplePostIds" value={o.id} defaultChecked={selected.includes(o.id)} />
                {o.coverUrl ? (
                  <img src={o.coverUrl} alt="" width={48} height={64} loading="lazy" style={{ objectFit: "cover", borderRadius: 6 }} />
                ) : (
                  <span className="small muted" style={{ width: 48, height: 64, display: "grid", placeItems: "center", borderRadius: 6, background: "var(--surface-2, #f4f4f5)" }}>
                    {t("creatorApply.samplePostsNoCover")}
                  </span>
                )}
                <span style={{ minWidth: 0 }}>
                  <span style={{ display: "block", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{o.title}</span>
                  {o.publishedAt ? <span className="small muted">{format.date(o.publishedAt)}</span> : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorList id="samplePostIds-errors" errors={errors} />
    </fieldset>
  );
}
