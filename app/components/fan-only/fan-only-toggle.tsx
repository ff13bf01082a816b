import { useT } from "~/i18n";

/**
 * The 粉丝专属 box on the note form, for creators only (the pages leave it out for everyone else). The
 * hidden marker tells the server the box was on the form, so an unticked box opens the note again
 * while a form without the box leaves the note as it is.
 */
export function FanOnlyToggle({ defaultChecked }: { defaultChecked: boolean }) {
  const t = useT();
  return (
    <div className="field">
      <input type="hidden" name="fanOnlyField" value="1" />
      <label className="row" style={{ gap: 8, minHeight: 44, alignItems: "center" }}>
        <input type="checkbox" name="fanOnly" defaultChecked={defaultChecked} aria-describedby="fanOnly-hint" />
        <span>🔒 {t("fans.fanOnly.label")}</span>
      </label>
      <p id="fanOnly-hint" className="field-hint">
        {t("fans.fanOnly.hint")}
      </p>
    </div>
  );
}
