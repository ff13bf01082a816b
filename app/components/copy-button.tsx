import { useEffect, useState } from "react";
import { useT } from "~/i18n";
import { CheckIcon, CopyIcon } from "./icons";

/**
 * Copies text to the clipboard. It needs JavaScript, so it only appears once the page is hydrated;
 * without it the text stays selectable in its read-only field.
 */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useT();
  const [hydrated, setHydrated] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  if (!hydrated) return null;
  return (
    <button
      type="button"
      className="btn btn-secondary"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
    >
      {copied ? <CheckIcon size={18} /> : <CopyIcon size={18} />}
      <span aria-live="polite">{copied ? t("settings.tokens.copied") : t("settings.tokens.copy")}</span>
    </button>
  );
}
