import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useT } from "~/i18n";
import type { Suggestions } from "~/utils/search.server";
import { Highlight } from "./search-highlight";
import { UserAvatar } from "./user-avatar";

export const SearchIcon = ({ size = 22 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden="true">
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5" />
  </svg>
);

/** Milliseconds of quiet typing before suggestions are fetched. */
const DEBOUNCE_MS = 200;

/**
 * The search field: a plain GET form to /search (works without JavaScript), and with JavaScript a
 * list of suggestions fetched from /search/suggest as the reader pauses typing.
 */
export function SearchBox({ q, type }: { q: string; type: "notes" | "users" }) {
  const t = useT();
  const listId = useId();
  const fetcher = useFetcher<Suggestions>();
  const [value, setValue] = useState(q);
  const [open, setOpen] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => setValue(q), [q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  function onChange(next: string) {
    setValue(next);
    clearTimeout(timer.current);
    if (!next.trim()) return setOpen(false);
    timer.current = setTimeout(() => {
      fetcher.load(`/search/suggest?${new URLSearchParams({ q: next.trim().slice(0, 100) })}`);
      setOpen(true);
    }, DEBOUNCE_MS);
  }

  const data = fetcher.data;
  const hasSuggestions = open && data && (data.notes.length > 0 || data.users.length > 0);
  return (
    <Form method="get" action="/search" role="search" className="search-box" onSubmit={() => setOpen(false)}>
      <label className="search-field">
        <SearchIcon size={18} />
        <span className="visually-hidden">{t("search.label")}</span>
        <input
          type="search"
          name="q"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
          placeholder={t("search.placeholder")}
          maxLength={100}
          autoComplete="off"
          enterKeyHint="search"
          aria-autocomplete="list"
          aria-controls={hasSuggestions ? listId : undefined}
          aria-expanded={Boolean(hasSuggestions)}
          role="combobox"
          data-testid="search-input"
        />
      </label>
      {type === "users" ? <input type="hidden" name="type" value="users" /> : null}
      <button type="submit" className="btn btn-primary btn-small">
        {t("search.submit")}
      </button>
      {hasSuggestions ? (
        <div id={listId} className="search-suggestions" aria-label={t("search.suggestions")} data-testid="search-suggestions">
          {data.notes.length > 0 ? (
            <ul aria-label={t("search.suggest.notes")}>
              {data.notes.map((n) => (
                <li key={n.id}>
                  <Link to={`/n/${n.id}`}>
                    <Highlight value={n.title} />
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          {data.users.length > 0 ? (
            <ul aria-label={t("search.suggest.users")}>
              {data.users.map((u) => (
                <li key={u.handle}>
                  <Link to={`/u/${u.handle}`} className="search-suggestion-user">
                    <UserAvatar user={{ displayName: u.displayName.text, avatarUrl: u.avatarUrl }} size={20} />
                    <Highlight value={u.displayName} />
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </Form>
  );
}
