import { Link } from "@remix-run/react";
import { useEffect, useRef, useState, type CSSProperties } from "react";
import { useLocale, useT } from "~/i18n";
import { getRealtime } from "~/utils/realtime.client";

interface LevelUp {
  id: string;
  to: number;
  name: string;
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

/*
 * Styles inline: the shell mounts this on every page, and the points stylesheet is linked only from
 * the points pages.
 */
const dialogStyle: CSSProperties = {
  border: 0,
  borderRadius: 20,
  padding: "28px 24px 20px",
  maxWidth: "min(92vw, 360px)",
  textAlign: "center",
  background: "var(--surface)",
  color: "inherit",
  boxShadow: "0 20px 60px rgb(0 0 0 / 0.25)",
};
const badgeStyle: CSSProperties = {
  width: 88,
  height: 88,
  margin: "0 auto 12px",
  borderRadius: "50%",
  display: "grid",
  placeItems: "center",
  background: "radial-gradient(circle at 30% 30%, var(--accent-soft), var(--accent))",
  color: "var(--accent-contrast)",
  fontSize: 28,
  fontWeight: 800,
};

/**
 * The level-up celebration: when the member's inbox receives a `level` notice over the socket (the
 * level-up consumer records it), a modal dialog congratulates them. A native <dialog> opened with
 * showModal(): focus moves into it and stays there, Escape and the button close it, and focus returns
 * to where it was. Pushes are at-least-once, so each notice celebrates once per browser session.
 */
export function LevelUpCelebration({ signedIn }: { signedIn: boolean }) {
  const t = useT();
  const locale = useLocale();
  const [levelUp, setLevelUp] = useState<LevelUp | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (!signedIn) return;
    return getRealtime().on("notification:created", ({ notification: n }) => {
      const to = Number(n.data.to);
      const from = Number(n.data.from);
      if (n.type !== "level" || !(to > from)) return;
      const seen = `seedbed.levelUp.${n.id}`;
      try {
        if (window.sessionStorage.getItem(seen)) return;
        window.sessionStorage.setItem(seen, "1");
      } catch {
        // Storage can be unavailable (private mode); celebrating twice is harmless.
      }
      setLevelUp({ id: n.id, to, name: locale === "en" ? str(n.data.nameEn) : str(n.data.nameZh) });
    });
  }, [signedIn, locale]);

  useEffect(() => {
    const d = dialog.current;
    if (levelUp && d && !d.open) d.showModal?.();
  }, [levelUp]);

  if (!levelUp) return null;
  const close = () => dialog.current?.close();
  return (
    <dialog
      ref={dialog}
      className="pt-celebrate"
      style={dialogStyle}
      aria-labelledby="level-up-title"
      aria-describedby="level-up-body"
      onClose={() => setLevelUp(null)}
      data-testid="level-up-celebration"
    >
      <div style={badgeStyle} aria-hidden="true">
        {t("points.level.short", { level: levelUp.to })}
      </div>
      <h2 id="level-up-title" style={{ margin: "0 0 6px" }}>
        {t("points.celebrate.title")}
      </h2>
      <p id="level-up-body">{t("points.celebrate.body", { level: levelUp.to, name: levelUp.name })}</p>
      <div style={{ display: "grid", gap: 8, marginTop: 16 }}>
        <Link to="/levels" className="btn btn-primary btn-block" onClick={close}>
          {t("points.celebrate.perks")}
        </Link>
        <button type="button" className="btn btn-secondary btn-block" onClick={close} autoFocus>
          {t("points.celebrate.close")}
        </button>
      </div>
    </dialog>
  );
}
